namespace Orchestrator.Infrastructure.Secrets.Aws;

/// <summary>The AWS error codes the service tells apart; everything else is <see cref="Failed"/>.</summary>
public enum SecretsManagerErrorKind
{
    Failed,
    NotFound,
    AlreadyExists,
    AccessDenied,
    Throttled,
}
