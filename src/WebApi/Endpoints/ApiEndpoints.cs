using Orchestrator.Application.Regions.ListRegions;

namespace Orchestrator.WebApi.Endpoints;

/// <summary>
/// The endpoint table: every operation of the API, each mapped from the request it sends (decision 0018). The OpenAPI
/// access line and error responses (<see cref="OperationContract"/>) and the <see cref="EndpointInventory"/> are
/// derived from it.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static WebApplication MapApi(this WebApplication app)
    {
        TokenEndpoints.Map(app.MapGroup("/token").WithTags(TokenEndpoints.Tag));

        var api = app.MapGroup(Prefix);

        // Query strings that do not parse become 400 problems naming the parameter. The filter is only attached to
        // endpoints that bind typed query values; no other endpoint gets a filter pipeline.
        ((IEndpointConventionBuilder)api).Add(QueryBindingProblems.AttachWhereNeeded);

        // The signed-in user's own account, open to an admin without MFA so that every admin can enrol (decision 0022).
        MeEndpoints.Map(api.MapGroup("/me").WithTags(MeEndpoints.Tag).UsableBeforeMfaEnrolment());
        UserEndpoints.Map(api.MapGroup("/users").WithTags(UserEndpoints.Tag));
        ResourceEndpoints.Map(api.MapGroup("/resources").WithTags(ResourceEndpoints.Tag));
        AuditEndpoints.Map(api.MapGroup("/audit").WithTags(AuditEndpoints.Tag));
        GuardrailEndpoints.Map(api.MapGroup("/guardrails").WithTags(GuardrailEndpoints.Tag));
        ApprovalEndpoints.Map(api.MapGroup("/approvals").WithTags(ApprovalEndpoints.Tag));
        AdminKeyEndpoints.Map(api.MapGroup("/admin/keys").WithTags(AdminKeyEndpoints.Tag));
        WebhookEndpoints.Map(api.MapGroup("/webhooks").WithTags(WebhookEndpoints.Tag));

        api.MapQuery<ListRegionsQuery, RegionList>("regions").WithTags("Regions").WithSummary("The AWS regions a resource may be created in (any signed-in user).");
        return app;
    }
}
