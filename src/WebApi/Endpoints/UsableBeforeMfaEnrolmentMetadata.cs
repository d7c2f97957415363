namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// Declares endpoints an admin may use before turning MFA on (the <c>/me</c> group, so that every admin can enrol):
/// <see cref="OperationContract.AdminsNeedMfa"/> is false for them (decision 0022).
/// </summary>
public sealed class UsableBeforeMfaEnrolmentMetadata
{
    public static readonly UsableBeforeMfaEnrolmentMetadata Instance = new();

    private UsableBeforeMfaEnrolmentMetadata()
    {
    }
}
