namespace Orchestrator.WebApi.Errors;

/// <summary>The problem <c>type</c> URIs of this API's own errors; standard statuses use RFC 9110's links.</summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:orchestrator:problem:";

    public const string ValidationFailed = Prefix + "validation-failed";
    public const string QuotaExceeded = Prefix + "quota-exceeded";
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";
    public const string PlacementMissing = Prefix + "placement-missing";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string PreconditionRequired = Prefix + "precondition-required";
    public const string GuardrailViolation = Prefix + "guardrail-violation";
    public const string Conflict = Prefix + "conflict";
    public const string DeletionProtected = Prefix + "deletion-protected";
    public const string RateLimited = Prefix + "rate-limited";
    public const string LimitsUnavailable = Prefix + "limits-unavailable";
    public const string DatabaseBusy = Prefix + "database-busy";
    public const string MfaEnrolmentRequired = Prefix + "mfa-enrolment-required";
}
