namespace Orchestrator.Application.Common.Interfaces;

/// <summary>A slow, salted password hash (PBKDF2 or Argon2id). Never implemented by hand.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string hash, string password);

    /// <summary>True when the hash was made with weaker parameters than today's: replace it the next time the password is known.</summary>
    bool NeedsRehash(string hash);

    /// <summary>Spends the same time as a real verification, so unknown users cannot be told apart by timing.</summary>
    void VerifyAgainstDummy(string password);
}
