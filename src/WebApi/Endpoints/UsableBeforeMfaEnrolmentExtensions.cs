namespace Orchestrator.WebApi.Endpoints;

/// <summary><c>.UsableBeforeMfaEnrolment()</c>: declares a whole group usable by an admin who has not turned MFA on yet.</summary>
public static class UsableBeforeMfaEnrolmentExtensions
{
    public static RouteGroupBuilder UsableBeforeMfaEnrolment(this RouteGroupBuilder group) =>
        group.WithMetadata(UsableBeforeMfaEnrolmentMetadata.Instance);
}
