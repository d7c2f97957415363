using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Orchestrator.Application.Account.ConfirmTotp;
using Orchestrator.Application.Account.EnrollTotp;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Audit.ExportAuditEvents;
using Orchestrator.Application.Audit.ListAuditEvents;
using Orchestrator.Application.Audit.VerifyAuditChain;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Keys.Common;
using Orchestrator.Application.Quotas.ListMyQuotas;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Application.Resources.PlanResource;
using Orchestrator.Application.Users.Common;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.Application.Users.ListUsers;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.CreateWebhook;
using Orchestrator.Application.Webhooks.ListWebhookDeliveries;
using Orchestrator.Application.Webhooks.ListWebhooks;
using Orchestrator.WebApi.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>A realistic example for each request and response shape, shown by Swagger UI instead of "string".</summary>
public sealed class ContractExamplesSchemaFilter : ISchemaFilter
{
    private const string Resource = """
        {"id":"0b9f3c1e-5a7d-4c2b-9e1f-3d6a8b2c4e10","name":"web1","type":"ec2","region":"eu-west-2",
         "tags":{"env":"dev","team":"payments"},"spec":{"instanceType":"t3.micro","imageId":"ami-04681a1dbd79675a5"},
         "status":"active","statusReason":null,"failureCode":null,"providerId":"i-0a1b2c3d4e5f60718","ownerId":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12",
         "createdAt":"2026-01-15T09:30:00Z","updatedAt":"2026-01-15T09:31:10Z","expiresAt":"2026-02-15T18:00:00Z","deletionProtection":false,
         "outputs":{"instanceId":"i-0a1b2c3d4e5f60718","privateIpAddress":"10.0.1.23","subnetId":"subnet-0f1e2d3c4b5a69788","securityGroupId":"sg-0123456789abcdef0"},
         "posture":[{"setting":"imdsV2Required","expected":"true","actual":"true"},{"setting":"rootVolumeEncrypted","expected":"true","actual":"true"},
          {"setting":"publicIp","expected":"false","actual":"true"}],
         "drift":{"state":"drifted","checkedAt":"2026-01-15T09:41:10Z","differences":[{"field":"tags.env","expected":"dev","actual":"prod"},
          {"field":"posture.publicIp","expected":"false","actual":"true"}]}}
        """;

    private const string Webhook = """
        {"id":"0193a1c2-7d4e-7b8f-9a0b-1c2d3e4f5a6b","url":"https://hooks.example.com/orchestrator","events":["resource.status-changed","security.lockout"],
         "description":"platform team channel","createdAt":"2026-01-15T09:30:00Z"}
        """;

    private const string WebhookDelivery = """
        {"id":"0193a1c9-2b3c-7d4e-8f90-a1b2c3d4e5f6","eventId":"0193a1c8-1a2b-7c3d-9e4f-5a6b7c8d9e0f","eventType":"resource.status-changed",
         "attempt":2,"status":"failed","responseStatus":503,"at":"2026-01-15T09:31:12Z"}
        """;

    private const string Drift = """
        {"state":"drifted","checkedAt":"2026-01-15T09:41:10Z","differences":[{"field":"tags.env","expected":"dev","actual":"prod"},
         {"field":"posture.publicIp","expected":"false","actual":"true"}]}
        """;

    private const string Policy = """
        {"statements":[{"effect":"Allow","principals":["user:5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12","role:viewer"],"actions":["read"]},
         {"effect":"Deny","principals":["*"],"actions":["delete"]}]}
        """;

    private const string AuditEvent = """
        {"id":"0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","occurredAt":"2026-01-15T09:30:00Z","userId":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12",
         "action":"resource.created","resourceId":"0b9f3c1e-5a7d-4c2b-9e1f-3d6a8b2c4e10","outcome":"success","clientIp":"203.0.113.7",
         "correlationId":"4bf92f3577b34da6a3ce929d0e0e4736","details":"type=ec2 region=eu-west-2"}
        """;

    private const string PlannedResource = """
        {"id":null,"name":"web1","type":"ec2","region":"eu-west-2","tags":{"env":"dev"},"spec":{"instanceType":"t3.micro"},
         "status":"pending","statusReason":null,"failureCode":null,"providerId":null,"ownerId":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12",
         "createdAt":null,"updatedAt":null,"expiresAt":null,"deletionProtection":false,"outputs":null,
         "drift":{"state":"unknown","checkedAt":null,"differences":[]},
         "posture":[{"setting":"imdsV2Required","expected":"true","actual":null},{"setting":"metadataHopLimit","expected":"1","actual":null},
          {"setting":"rootVolumeEncrypted","expected":"true","actual":null},{"setting":"publicIp","expected":"false","actual":null},
          {"setting":"securityGroupsOpenToInternet","expected":"false","actual":null},{"setting":"volumesTagged","expected":"true","actual":null}]}
        """;

    private const string CostEstimate = """
        {"currency":"USD","amount":9.35,"items":[{"description":"t3.micro instance, Linux on-demand (eu-west-2): $0.0118 per hour x 730 hours","amount":8.61},
         {"description":"8 GB gp3 root volume (eu-west-2): $0.0928 per GB-month","amount":0.74}],"priceTableDate":"2026-12-04"}
        """;

    private const string Quota = """{"type":"ec2","limit":10,"used":2,"remaining":8,"window":"PT1H"}""";

    private const string GuardrailRules = """
        [{"id":"required-tags","description":"Every resource carries an env tag (dev, test or prod) and an owner tag.","effect":"deny",
          "schema":{"properties":{"tags":{"required":["env","owner"],"properties":{"env":{"enum":["dev","test","prod"]}}}}}},
         {"id":"operators-small-sizes","description":"Operators create only t3 instances and db.t3 databases.","effect":"deny","appliesTo":{"roles":["operator"]},
          "schema":{"properties":{"spec":{"properties":{"instanceType":{"pattern":"^t3\\."},"instanceClass":{"pattern":"^db\\.t3\\."}}}}}},
         {"id":"rds-in-eu-only","description":"Databases are created in EU regions only.","effect":"deny","appliesTo":{"types":["rds"]},
          "schema":{"properties":{"region":{"pattern":"^eu-"}}}},
         {"id":"cost-ceiling","description":"A resource estimated above $300 a month needs an approval.","effect":"requireApproval",
          "schema":{"properties":{"estimatedMonthlyCost":{"maximum":300}}}}]
        """;

    private const string Approval = """
        {"id":"0196a1b2-d4e5-7f60-8a9b-1c2d3e4f5a6b","resourceId":"0b9f3c1e-5a7d-4c2b-9e1f-3d6a8b2c4e10","requesterId":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12",
         "status":"approved","rules":["cost-ceiling"],"comment":"Agreed with the payments team lead.","deciderId":"8e1a3c5b-7d9f-4b2a-9c4e-6f8a0b2d4c6e",
         "createdAt":"2026-01-15T09:30:00Z","decidedAt":"2026-01-15T10:05:00Z"}
        """;

    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(ApprovalDto)] = Approval,
        [typeof(ApprovalPage)] = $$"""{"items":[{{Approval}}],"page":1,"pageSize":50,"totalCount":1}""",
        [typeof(DecisionBody)] = """{"comment":"Agreed with the payments team lead."}""",
        [typeof(GuardrailDocumentDto)] = $$"""{"version":3,"rules":{{GuardrailRules}}}""",
        [typeof(GuardrailDocumentBody)] = $$"""{"rules":{{GuardrailRules}}}""",
        [typeof(GuardrailRuleDto)] = """{"id":"rds-in-eu-only","description":"Databases are created in EU regions only.","effect":"deny","appliesTo":{"types":["rds"]},"schema":{"properties":{"region":{"pattern":"^eu-"}}}}""",
        [typeof(GuardrailViolationProblem)] = ProblemExamples.GuardrailViolation().ToJsonString(),
        [typeof(Errors.GuardrailViolation)] = """{"rule":"rds-in-eu-only","message":"Databases are created in EU regions only."}""",
        [typeof(GuardrailScopeDto)] = """{"roles":["operator"],"types":["ec2","rds"]}""",
        [typeof(PlannedResourceDto)] = PlannedResource,
        [typeof(CostEstimateDto)] = CostEstimate,
        [typeof(QuotaDto)] = Quota,
        [typeof(QuotaList)] = $$"""{"items":[{{Quota}},{"type":"s3","limit":100,"used":1,"remaining":99,"window":"live"},{"type":"rds","limit":5,"used":0,"remaining":5,"window":"PT1H"}]}""",
        [typeof(ResourcePlanDto)] = $$"""
            {"allowed":false,"resource":{{PlannedResource}},
             "guardrails":[{"rule":"require-env-tag","outcome":"pass","message":"Every resource needs an env tag: dev, test or prod."},
              {"rule":"eu-only","outcome":"deny","message":"Resources stay in EU regions."}],
             "quota":{{Quota}},"approvalRequired":false,"estimatedMonthlyCost":{{CostEstimate}},
             "cloudChecks":[{"check":"network-placement","outcome":"pass","message":"A network is configured for ec2 resources in eu-west-2."},
              {"check":"run-instances-dry-run","outcome":"pass","message":"AWS accepted a dry run of RunInstances with these settings: permission, image, instance type and network are in order."}]}
            """,
        [typeof(CreateResourceBody)] = """{"name":"web1","type":"ec2","region":"eu-west-2","tags":{"env":"dev"},"spec":{"instanceType":"t3.micro"},"expiresAt":"2026-02-15T18:00:00Z"}""",
        [typeof(UpdateResourceBody)] = """{"tags":{"env":"prod","team":"payments"},"expiresAt":"2026-02-15T18:00:00Z","deletionProtection":false}""",
        [typeof(CreateUserBody)] = """{"username":"alice","password":"correct horse battery staple","role":"operator"}""",
        [typeof(ResourceDto)] = Resource,
        [typeof(ResourceDriftDto)] = Drift,
        [typeof(DriftDifferenceDto)] = """{"field":"tags.env","expected":"dev","actual":"prod"}""",
        [typeof(PostureSettingDto)] = """{"setting":"imdsV2Required","expected":"true","actual":"true"}""",
        [typeof(ResourceSpecDto)] = """{"instanceType":"t3.micro","imageId":"ami-04681a1dbd79675a5"}""",
        [typeof(ResourcePage)] = $$"""{"items":[{{Resource}}],"page":1,"pageSize":50,"totalCount":120,"nextCursor":"AeO0zT3L4R7knXYctEzRHw0_IF7A2Qsbk03whTTjgvUS7IacaS3QErg"}""",
        [typeof(UserDto)] = """{"id":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12","username":"alice","role":"operator","mfaEnabled":false,"disabled":false,"createdAt":"2026-01-15T09:30:00Z"}""",
        [typeof(CurrentUserDto)] = """{"id":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12","username":"admin","role":"admin","mfaEnabled":false}""",
        [typeof(TokenResponse)] = """{"access_token":"eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiI1ZDJjN2U5YSJ9.c2lnbmF0dXJl","token_type":"Bearer","expires_in":900,"refresh_token":"KyiMz22r2IkLjFnQmM06m_jyA7OX1x8o2B9Z2g9YbHs"}""",
        [typeof(KeyRotationDto)] = """{"kind":"jwt","activeKeyId":"7f3a9c2e"}""",
        [typeof(ResourcePolicyDto)] = Policy,
        [typeof(ResourcePolicyBody)] = Policy,
        [typeof(PolicyStatementDto)] = """{"effect":"Allow","principals":["role:viewer"],"actions":["read"]}""",
        [typeof(AuditEventDto)] = AuditEvent,
        [typeof(AuditEventPage)] = $$"""{"items":[{{AuditEvent}}],"page":1,"pageSize":50,"totalCount":120,"nextCursor":"AeO0zT3L4R7knXYctEzRHw0_IF7A2Qsbk03whTTjgvUS7IacaS3QErg"}""",
        [typeof(AuditExportLine)] = """
            {"id":"0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","occurredAt":"2026-01-15T09:30:00Z","userId":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12",
             "action":"resource.created","resourceId":"0b9f3c1e-5a7d-4c2b-9e1f-3d6a8b2c4e10","outcome":"success","clientIp":"203.0.113.7",
             "correlationId":"4bf92f3577b34da6a3ce929d0e0e4736","details":"type=ec2 region=eu-west-2","chainSequence":42,
             "previousHash":"9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f",
             "hash":"3a5c7e9b1d3f5a7c9e0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a3c5e7b9d0f2a4c"}
            """,
        [typeof(AuditChainReport)] = """{"valid":true,"checked":1042,"firstBrokenEventId":null}""",
        [typeof(UserPage)] = """{"items":[{"id":"5d2c7e9a-1b3f-4a6c-8d0e-2f4b6a8c0e12","username":"alice","role":"operator","mfaEnabled":false,"disabled":false,"createdAt":"2026-01-15T09:30:00Z"}],"page":1,"pageSize":50,"totalCount":1}""",
        [typeof(CreateWebhookBody)] = """{"url":"https://hooks.example.com/orchestrator","events":["resource.status-changed","security.lockout"],"description":"platform team channel"}""",
        [typeof(WebhookDto)] = Webhook,
        [typeof(WebhookPage)] = $$"""{"items":[{{Webhook}}],"page":1,"pageSize":50,"totalCount":1}""",
        [typeof(CreatedWebhookDto)] = """{"id":"0193a1c2-7d4e-7b8f-9a0b-1c2d3e4f5a6b","url":"https://hooks.example.com/orchestrator","events":["resource.status-changed","security.lockout"],"description":"platform team channel","createdAt":"2026-01-15T09:30:00Z","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0Qn7ZgHkK3I="}""",
        [typeof(WebhookDeliveryDto)] = WebhookDelivery,
        [typeof(WebhookDeliveryPage)] = $$"""{"items":[{{WebhookDelivery}}],"page":1,"pageSize":50,"totalCount":1}""",
        [typeof(UpdateUserBody)] = """{"role":"viewer","disabled":false}""",
        [typeof(ChangePasswordBody)] = """{"currentPassword":"correct horse battery staple","newPassword":"a different long passphrase"}""",
        [typeof(TotpCodeBody)] = """{"code":"492039"}""",
        [typeof(CurrentPasswordBody)] = """{"currentPassword":"correct horse battery staple"}""",
        [typeof(DisableTotpBody)] = """{"currentPassword":"correct horse battery staple","code":"492039"}""",
        [typeof(RecoveryCodeList)] = """{"recoveryCodes":["7K2M-Q9XD-4HNB-T3VW","R8C1-ZP6F-J0SA-M5YE","2W9T-KD4N-B7QH-X1VC","H3FE-6M0R-Y8ZK-P2DJ","Q5VA-1T7W-N9CX-E4BG","D0JS-8R2Y-K6HM-Z3TF","M7XB-4E9P-C2QN-W5VK","T1KH-Z5DS-R8FY-A0JM","B6NW-3C7Q-V1XE-G9PT","Y4RD-0H2M-S6KJ-F8ZC"]}""",
        [typeof(TotpEnrolment)] = """{"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/Orchestrator:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Orchestrator"}""",
        [typeof(TokenErrorResponse)] = """{"error":"invalid_grant","error_description":"The username or password is incorrect."}""",
        [typeof(ProblemDetails)] = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found.","status":404,"detail":"The resource does not exist.","traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}""",
        [typeof(ValidationProblemDetails)] = """{"type":"urn:orchestrator:problem:validation-failed","title":"One or more fields are invalid.","status":400,"detail":"See 'errors' for the problem with each field.","errors":{"name":["Use 3 to 63 ASCII letters or digits."],"spec.instanceType":["t9.huge is not an allowed instance type."]},"traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}""",
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Examples = [JsonNode.Parse(example)!];
        }
        else if (schema is OpenApiSchema { Properties.Count: > 0 } composed && composed.Examples is null or { Count: 0 }
            && composed.Properties.Values.All(property => ExampleOf(property) is not null))
        {
            // A type documented where it is declared (an example="..." on each record parameter) needs no entry above.
            composed.Examples = [new JsonObject(composed.Properties.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, ExampleOf(p.Value)!.DeepClone())))];
        }
    }

    private static JsonNode? ExampleOf(IOpenApiSchema property) => property.Examples?.FirstOrDefault();
}
