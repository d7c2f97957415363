namespace Orchestrator.WebApi.Endpoints;

/// <summary>The body of an error answer.</summary>
public enum OperationErrorShape
{
    /// <summary>RFC 9457 problem+json.</summary>
    Problem,

    /// <summary>problem+json with <c>errors</c> keyed by field.</summary>
    ValidationProblem,

    /// <summary>RFC 6749 section 5.2 <c>{error, error_description}</c> (the token endpoints).</summary>
    TokenError,
}
