namespace Orchestrator.WebApi.Security;

/// <summary>Configuration section <c>Security</c>: whether admins must turn MFA on before using admin permissions (decision 0022).</summary>
public sealed class AdminMfaOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// True (OWASP ASVS 4.3.1): an admin whose session did not prove a second factor may use only the endpoints
    /// declared usable before MFA enrolment (<c>/api/v1/me</c> and below); elsewhere 403 <c>mfa-enrolment-required</c>.
    /// </summary>
    public bool RequireMfaForAdmins { get; set; } = true;
}
