using System.Security.Cryptography;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// Passwords for test users: 20 random base64url characters pass every password rule at once, and the
/// strength estimator decides a short random string far faster than a long phrase.
/// </summary>
public static class TestPasswords
{
    public static string Random() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
