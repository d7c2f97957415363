namespace Orchestrator.WebApi.Endpoints;

/// <summary>The body of an error answer.</summary>
public enum OperationErrorShape
{
    /// <summary>RFC 9457 problem+json.</summary>
    Problem,

    /// <summary>problem+json with <c>errors</c> keyed by field.</summary>
    ValidationProblem,

    /// <summary>problem+json that may carry <c>violations: [{rule, message}]</c> (a guardrail violation).</summary>
    GuardrailViolation,

    /// <summary>RFC 6749 section 5.2 <c>{error, error_description}</c> (the token endpoints).</summary>
    TokenError,
}
