namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>An error answered by Secrets Manager, named by what it means for the service. Carries no secret value.</summary>
public sealed class SecretsManagerException : Exception
{
    public SecretsManagerException(SecretsManagerErrorKind kind, string awsCode, string message)
        : base(message)
    {
        Kind = kind;
        AwsCode = awsCode;
    }

    public SecretsManagerException()
    {
    }

    public SecretsManagerException(string message)
        : base(message)
    {
    }

    public SecretsManagerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SecretsManagerErrorKind Kind { get; }

    public string AwsCode { get; } = string.Empty;
}
