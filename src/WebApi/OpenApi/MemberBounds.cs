using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Orchestrator.Application.Account.ConfirmTotp;
using Orchestrator.Application.Account.EnrollTotp;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Audit.ExportAuditEvents;
using Orchestrator.Application.Audit.ListAuditEvents;
using Orchestrator.Application.Audit.VerifyAuditChain;
using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Keys.Common;
using Orchestrator.Application.Provisioning;
using Orchestrator.Application.Quotas.ListMyQuotas;
using Orchestrator.Application.Regions.ListRegions;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.PlanResource;
using Orchestrator.Application.Users.Common;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.CreateWebhook;
using Orchestrator.Application.Webhooks.ListWebhookDeliveries;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Domain.Users;
using Orchestrator.Domain.Webhooks;
using Orchestrator.WebApi.Contracts;
using Orchestrator.WebApi.Errors;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>
/// The bounds of each property of the shapes the API reads and writes, by declaring type and property: the
/// domain's rules, the size of the column a value is stored in, the set of values it comes from.
/// </summary>
public static class MemberBounds
{
    // Sizes of the columns these values are stored in (Infrastructure/Persistence/Configurations).
    private const int ProviderIdMaxLength = 256;
    private const int AuditActionMaxLength = 64;
    private const int ClientAddressMaxLength = 64;
    private const int CorrelationIdMaxLength = 64;
    private const int PrincipalMaxLength = 64;

    // 256 random bits in base64url without padding (RefreshTokenValue).
    private const int RefreshTokenLength = 43;

    // Jwt:AccessTokenMinutes is validated at start-up to 1..60 minutes.
    private const int AccessTokenMaxSeconds = 3600;

    // A resource is priced in at most a few lines (instance and storage; a bucket's one).
    private const int MaxCostItems = 8;

    // "whsec_" and the base64 of 32 random bytes (CreateWebhookHandler).
    private const int WebhookSecretLength = 50;

    // Texts the API writes itself (problem titles and details, token error descriptions) are sentences well within this.
    private const int ServerTextMaxLength = 1024;

    public static Dictionary<(Type Type, string Member), Action<OpenApiSchema>> Build(CloudCatalogOptions catalog, IEnumerable<(Type Page, int MaxItems)> pages)
    {
        Action<OpenApiSchema> name = s => { SchemaBounds.Length(s, ResourceRules.NameMinLength, ResourceRules.NameMaxLength); SchemaBounds.Pattern(s, ResourceRules.NamePatternText); };
        Action<OpenApiSchema> type = s => SchemaBounds.OneOf(s, ResourceWireNames.Types);
        Action<OpenApiSchema> role = s => SchemaBounds.OneOf(s, RolePermissions.RoleNames);
        Action<OpenApiSchema> username = s =>
        {
            SchemaBounds.Length(s, UsernameRules.MinLength, UsernameRules.MaxLength);
            SchemaBounds.Pattern(s, UsernameRules.PatternText);
        };
        Action<OpenApiSchema> tags = Tags;
        Action<OpenApiSchema> chainHash = s => { SchemaBounds.Length(s, 64, 64); SchemaBounds.Pattern(s, "^[0-9a-f]{64}$"); };
        Action<OpenApiSchema> ruleId = s =>
        {
            SchemaBounds.Length(s, 1, GuardrailDocumentLimits.MaxRuleIdLength);
            SchemaBounds.Pattern(s, GuardrailDocumentLimits.RuleIdPattern);
        };
        Action<OpenApiSchema> password = s => s.Format = "password";
        Action<OpenApiSchema> serverText = s => SchemaBounds.MaxLength(s, ServerTextMaxLength);
        Action<OpenApiSchema> pageNumber = s => SchemaBounds.Range(s, 1, int.MaxValue);
        Action<OpenApiSchema> count = s => SchemaBounds.Range(s, 0, int.MaxValue);
        Action<OpenApiSchema> webhookUrl = s => { s.Format = "uri"; SchemaBounds.MaxLength(s, WebhookSubscription.UrlMaxLength); };
        Action<OpenApiSchema> webhookEvents = s => Items(s, WebhookEventTypes.Known.Count + 1, i => SchemaBounds.OneOf(i, [WebhookEventTypes.All, .. WebhookEventTypes.Known]));
        Action<OpenApiSchema> webhookDescription = s => SchemaBounds.MaxLength(s, WebhookSubscription.DescriptionMaxLength);

        var members = new Dictionary<(Type, string), Action<OpenApiSchema>>
        {
            [(typeof(CreateResourceBody), nameof(CreateResourceBody.Tags))] = tags,
            [(typeof(UpdateResourceBody), nameof(UpdateResourceBody.Tags))] = tags,
            [(typeof(ResourceDto), nameof(ResourceDto.Name))] = name,
            [(typeof(ResourceDto), nameof(ResourceDto.Type))] = type,
            [(typeof(ResourceDto), nameof(ResourceDto.Region))] = s => { SchemaBounds.MaxLength(s, ResourceRules.RegionMaxLength); SchemaBounds.Pattern(s, ResourceRules.RegionPatternText); },
            [(typeof(ResourceDto), nameof(ResourceDto.Tags))] = tags,
            [(typeof(ResourceDto), nameof(ResourceDto.Status))] = s => SchemaBounds.OneOf(s, ResourceWireNames.Statuses),
            [(typeof(ResourceDto), nameof(ResourceDto.StatusReason))] = s => SchemaBounds.MaxLength(s, ProvisioningJob.LastErrorMaxLength),
            [(typeof(ResourceDto), nameof(ResourceDto.ProviderId))] = s => SchemaBounds.MaxLength(s, ProviderIdMaxLength),
            [(typeof(ResourceDto), nameof(ResourceDto.FailureCode))] = FailureCode,
            [(typeof(ResourceDto), nameof(ResourceDto.Outputs))] = Outputs,
            [(typeof(ResourceDto), nameof(ResourceDto.Posture))] = s => SchemaBounds.MaxItems(s, ResourceCloudReport.MaxPostureSettings),
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Name))] = name,
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Type))] = type,
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Region))] = s => { SchemaBounds.MaxLength(s, ResourceRules.RegionMaxLength); SchemaBounds.Pattern(s, ResourceRules.RegionPatternText); },
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Tags))] = tags,
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Status))] = s => SchemaBounds.OneOf(s, [ResourceWireNames.Of(ResourceStatus.Pending), ResourceWireNames.Of(ResourceStatus.AwaitingApproval)]),
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.StatusReason))] = s => SchemaBounds.MaxLength(s, ProvisioningJob.LastErrorMaxLength),
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.ProviderId))] = s => SchemaBounds.MaxLength(s, ProviderIdMaxLength),
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.FailureCode))] = FailureCode,
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Outputs))] = Outputs,
            [(typeof(PlannedResourceDto), nameof(PlannedResourceDto.Posture))] = s => SchemaBounds.MaxItems(s, ResourceCloudReport.MaxPostureSettings),
            [(typeof(ResourcePlanDto), nameof(ResourcePlanDto.Guardrails))] = s => SchemaBounds.MaxItems(s, GuardrailDocumentLimits.MaxRules),
            [(typeof(ResourcePlanDto), nameof(ResourcePlanDto.CloudChecks))] = s => SchemaBounds.MaxItems(s, CloudCheckDto.Checks.Count),
            [(typeof(GuardrailOutcomeDto), nameof(GuardrailOutcomeDto.Rule))] = s => { SchemaBounds.MaxLength(s, GuardrailDocumentLimits.MaxRuleIdLength); SchemaBounds.Pattern(s, GuardrailDocumentLimits.RuleIdPattern); },
            [(typeof(GuardrailOutcomeDto), nameof(GuardrailOutcomeDto.Outcome))] = s => SchemaBounds.OneOf(s, GuardrailOutcomeDto.Outcomes),
            [(typeof(GuardrailOutcomeDto), nameof(GuardrailOutcomeDto.Message))] = s => SchemaBounds.MaxLength(s, GuardrailDocumentLimits.MaxDescriptionLength),
            [(typeof(CloudCheckDto), nameof(CloudCheckDto.Check))] = s => SchemaBounds.OneOf(s, CloudCheckDto.Checks),
            [(typeof(CloudCheckDto), nameof(CloudCheckDto.Outcome))] = s => SchemaBounds.OneOf(s, [CloudCheckDto.Pass, CloudCheckDto.Fail]),
            [(typeof(CloudCheckDto), nameof(CloudCheckDto.Message))] = serverText,
            [(typeof(CostEstimateDto), nameof(CostEstimateDto.Currency))] = s => { SchemaBounds.Length(s, 3, 3); SchemaBounds.Pattern(s, "^[A-Z]{3}$"); },
            [(typeof(CostEstimateDto), nameof(CostEstimateDto.PriceTableDate))] = s => { s.Format = "date"; SchemaBounds.Length(s, 10, 10); },
            [(typeof(CostEstimateDto), nameof(CostEstimateDto.Items))] = s => SchemaBounds.MaxItems(s, MaxCostItems),
            [(typeof(CostItemDto), nameof(CostItemDto.Description))] = serverText,
            [(typeof(PostureSettingDto), nameof(PostureSettingDto.Setting))] = s => SchemaBounds.MaxLength(s, ResourceCloudReport.PostureValueMaxLength),
            [(typeof(PostureSettingDto), nameof(PostureSettingDto.Expected))] = s => SchemaBounds.MaxLength(s, ResourceCloudReport.PostureValueMaxLength),
            [(typeof(PostureSettingDto), nameof(PostureSettingDto.Actual))] = s => SchemaBounds.MaxLength(s, ResourceCloudReport.PostureValueMaxLength),
            [(typeof(ResourceDriftDto), nameof(ResourceDriftDto.State))] = s => SchemaBounds.OneOf(s, DriftWireNames.States),
            [(typeof(ResourceDriftDto), nameof(ResourceDriftDto.Differences))] = s => SchemaBounds.MaxItems(s, ResourceDrift.MaxDifferences),
            [(typeof(DriftDifferenceDto), nameof(DriftDifferenceDto.Field))] = s => SchemaBounds.MaxLength(s, ResourceDrift.FieldMaxLength),
            [(typeof(DriftDifferenceDto), nameof(DriftDifferenceDto.Expected))] = s => SchemaBounds.MaxLength(s, ResourceDrift.ValueMaxLength),
            [(typeof(DriftDifferenceDto), nameof(DriftDifferenceDto.Actual))] = s => SchemaBounds.MaxLength(s, ResourceDrift.ValueMaxLength),
            [(typeof(ResourceSpecDto), nameof(ResourceSpecDto.InstanceType))] = s => SchemaBounds.OneOf(s, catalog.AllowedInstanceTypes),
            [(typeof(ResourceSpecDto), nameof(ResourceSpecDto.ImageId))] = s => { SchemaBounds.MaxLength(s, ResourceRules.ImageIdMaxLength); SchemaBounds.Pattern(s, ResourceRules.ImageIdPatternText); },
            [(typeof(ResourceSpecDto), nameof(ResourceSpecDto.Engine))] = s => SchemaBounds.OneOf(s, ResourceRules.DatabaseEngines),
            [(typeof(ResourceSpecDto), nameof(ResourceSpecDto.InstanceClass))] = s => SchemaBounds.OneOf(s, catalog.AllowedDbInstanceClasses),
            [(typeof(ResourceSpecDto), nameof(ResourceSpecDto.AllocatedStorage))] = s => SchemaBounds.Range(s, ResourceRules.MinAllocatedStorage, ResourceRules.MaxAllocatedStorage),
            [(typeof(ResourcePolicyBody), nameof(ResourcePolicyBody.Statements))] = s => SchemaBounds.MaxItems(s, ResourcePolicyLimits.MaxStatements),
            [(typeof(ResourcePolicyDto), nameof(ResourcePolicyDto.Statements))] = s => SchemaBounds.MaxItems(s, ResourcePolicyLimits.MaxStatements),
            [(typeof(PolicyStatementDto), nameof(PolicyStatementDto.Effect))] = s => SchemaBounds.OneOf(s, ResourcePolicyMapping.Effects),
            [(typeof(PolicyStatementDto), nameof(PolicyStatementDto.Principals))] = s => Items(s, ResourcePolicyLimits.MaxEntriesPerStatement, i =>
            {
                SchemaBounds.MaxLength(i, PrincipalMaxLength);
                SchemaBounds.Pattern(i, "^(\\*|user:[0-9A-Fa-f-]{36}|role:[A-Za-z]+)$");
            }),
            [(typeof(PolicyStatementDto), nameof(PolicyStatementDto.Actions))] = s => Items(s, ResourcePolicyLimits.MaxEntriesPerStatement, i => SchemaBounds.OneOf(i, ResourcePolicyMapping.GrantableActions)),
            [(typeof(GuardrailDocumentBody), nameof(GuardrailDocumentBody.Rules))] = s => SchemaBounds.MaxItems(s, GuardrailDocumentLimits.MaxRules),
            [(typeof(GuardrailDocumentBody), nameof(GuardrailDocumentBody.Version))] = count,
            [(typeof(GuardrailDocumentDto), nameof(GuardrailDocumentDto.Rules))] = s => SchemaBounds.MaxItems(s, GuardrailDocumentLimits.MaxRules),
            [(typeof(GuardrailDocumentDto), nameof(GuardrailDocumentDto.Version))] = count,
            [(typeof(GuardrailRuleDto), nameof(GuardrailRuleDto.Id))] = ruleId,
            [(typeof(GuardrailRuleDto), nameof(GuardrailRuleDto.Description))] = s => SchemaBounds.Length(s, 1, GuardrailDocumentLimits.MaxDescriptionLength),
            [(typeof(GuardrailRuleDto), nameof(GuardrailRuleDto.Effect))] = s => SchemaBounds.OneOf(s, ["deny", "requireApproval"]),
            [(typeof(GuardrailRuleDto), nameof(GuardrailRuleDto.Schema))] = s => s.Description =
                $"A JSON Schema (2020-12) over {{name, type, region, tags, spec, expiresAt, estimatedMonthlyCost, requester: {{id, role}}}}; "
                + $"at most {GuardrailDocumentLimits.MaxSchemaBytes} bytes and {GuardrailDocumentLimits.MaxSchemaDepth} levels deep.",
            [(typeof(GuardrailScopeDto), nameof(GuardrailScopeDto.Roles))] = s => Items(s, RolePermissions.RoleNames.Count, role),
            [(typeof(GuardrailScopeDto), nameof(GuardrailScopeDto.Types))] = s => Items(s, ResourceWireNames.Types.Count, type),
            [(typeof(GuardrailViolationProblem), nameof(GuardrailViolationProblem.Violations))] = s => SchemaBounds.MaxItems(s, GuardrailDocumentLimits.MaxRules),
            [(typeof(GuardrailViolation), nameof(GuardrailViolation.Rule))] = ruleId,
            [(typeof(GuardrailViolation), nameof(GuardrailViolation.Message))] = s => SchemaBounds.MaxLength(s, GuardrailDocumentLimits.MaxDescriptionLength),
            [(typeof(DecisionBody), nameof(DecisionBody.Comment))] = s => SchemaBounds.MaxLength(s, Approval.MaxCommentLength),
            [(typeof(ApprovalDto), nameof(ApprovalDto.Status))] = s => SchemaBounds.OneOf(s, ApprovalWireNames.Statuses),
            [(typeof(ApprovalDto), nameof(ApprovalDto.Rules))] = s => Items(s, GuardrailDocumentLimits.MaxRules, ruleId),
            [(typeof(ApprovalDto), nameof(ApprovalDto.Comment))] = s => SchemaBounds.MaxLength(s, Approval.MaxCommentLength),
            [(typeof(CreateWebhookBody), nameof(CreateWebhookBody.Url))] = webhookUrl,
            [(typeof(CreateWebhookBody), nameof(CreateWebhookBody.Events))] = webhookEvents,
            [(typeof(CreateWebhookBody), nameof(CreateWebhookBody.Description))] = webhookDescription,
            [(typeof(WebhookDto), nameof(WebhookDto.Url))] = webhookUrl,
            [(typeof(WebhookDto), nameof(WebhookDto.Events))] = webhookEvents,
            [(typeof(WebhookDto), nameof(WebhookDto.Description))] = webhookDescription,
            [(typeof(CreatedWebhookDto), nameof(CreatedWebhookDto.Url))] = webhookUrl,
            [(typeof(CreatedWebhookDto), nameof(CreatedWebhookDto.Events))] = webhookEvents,
            [(typeof(CreatedWebhookDto), nameof(CreatedWebhookDto.Description))] = webhookDescription,
            [(typeof(CreatedWebhookDto), nameof(CreatedWebhookDto.Secret))] = s =>
            {
                s.Format = "password";
                SchemaBounds.Length(s, WebhookSecretLength, WebhookSecretLength);
                SchemaBounds.Pattern(s, "^whsec_[A-Za-z0-9+/]{43}=$");
            },
            [(typeof(WebhookDeliveryDto), nameof(WebhookDeliveryDto.EventType))] = s => SchemaBounds.OneOf(s, WebhookEventTypes.Known),
            [(typeof(WebhookDeliveryDto), nameof(WebhookDeliveryDto.Status))] = s => SchemaBounds.OneOf(s, Enum.GetNames<WebhookDeliveryStatus>().Select(n => n.ToLowerInvariant())),
            [(typeof(WebhookDeliveryDto), nameof(WebhookDeliveryDto.Attempt))] = s => SchemaBounds.Range(s, 1, int.MaxValue),
            [(typeof(WebhookDeliveryDto), nameof(WebhookDeliveryDto.ResponseStatus))] = s => SchemaBounds.Range(s, 100, 599),
            [(typeof(CreateUserBody), nameof(CreateUserBody.Password))] = password,
            [(typeof(ChangePasswordBody), nameof(ChangePasswordBody.CurrentPassword))] = password,
            [(typeof(ChangePasswordBody), nameof(ChangePasswordBody.NewPassword))] = password,
            [(typeof(CurrentPasswordBody), nameof(CurrentPasswordBody.CurrentPassword))] = password,
            [(typeof(DisableTotpBody), nameof(DisableTotpBody.CurrentPassword))] = password,
            [(typeof(RecoveryCodeList), nameof(RecoveryCodeList.RecoveryCodes))] = s => Items(s, RecoveryCode.CountPerEnrolment, i =>
            {
                SchemaBounds.Length(i, 19, 19);
                SchemaBounds.Pattern(i, "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$");
            }),
            [(typeof(UserDto), nameof(UserDto.Username))] = username,
            [(typeof(UserDto), nameof(UserDto.Role))] = role,
            [(typeof(CurrentUserDto), nameof(CurrentUserDto.Username))] = username,
            [(typeof(CurrentUserDto), nameof(CurrentUserDto.Role))] = role,
            [(typeof(AuditEventDto), nameof(AuditEventDto.Action))] = s => SchemaBounds.MaxLength(s, AuditActionMaxLength),
            [(typeof(AuditEventDto), nameof(AuditEventDto.Outcome))] = s => SchemaBounds.OneOf(s, Enum.GetNames<AuditOutcome>().Select(o => o.ToLowerInvariant())),
            [(typeof(AuditEventDto), nameof(AuditEventDto.ClientIp))] = s => SchemaBounds.MaxLength(s, ClientAddressMaxLength),
            [(typeof(AuditEventDto), nameof(AuditEventDto.CorrelationId))] = s => SchemaBounds.MaxLength(s, CorrelationIdMaxLength),
            [(typeof(AuditEventDto), nameof(AuditEventDto.Details))] = s => SchemaBounds.MaxLength(s, AuditEvent.MaxDetailsLength),
            [(typeof(AuditExportLine), nameof(AuditExportLine.Action))] = s => SchemaBounds.MaxLength(s, AuditActionMaxLength),
            [(typeof(AuditExportLine), nameof(AuditExportLine.Outcome))] = s => SchemaBounds.OneOf(s, Enum.GetNames<AuditOutcome>().Select(o => o.ToLowerInvariant())),
            [(typeof(AuditExportLine), nameof(AuditExportLine.ClientIp))] = s => SchemaBounds.MaxLength(s, ClientAddressMaxLength),
            [(typeof(AuditExportLine), nameof(AuditExportLine.CorrelationId))] = s => SchemaBounds.MaxLength(s, CorrelationIdMaxLength),
            [(typeof(AuditExportLine), nameof(AuditExportLine.Details))] = s => SchemaBounds.MaxLength(s, AuditEvent.MaxDetailsLength),
            [(typeof(AuditExportLine), nameof(AuditExportLine.ChainSequence))] = s => SchemaBounds.Range(s, 1, long.MaxValue),
            [(typeof(AuditExportLine), nameof(AuditExportLine.PreviousHash))] = chainHash,
            [(typeof(AuditExportLine), nameof(AuditExportLine.Hash))] = chainHash,
            [(typeof(AuditChainReport), nameof(AuditChainReport.Checked))] = s => SchemaBounds.Range(s, 0, long.MaxValue),
            [(typeof(QuotaList), nameof(QuotaList.Items))] = s => SchemaBounds.MaxItems(s, ResourceWireNames.Types.Count),
            [(typeof(QuotaDto), nameof(QuotaDto.Type))] = type,
            [(typeof(QuotaDto), nameof(QuotaDto.Limit))] = count,
            [(typeof(QuotaDto), nameof(QuotaDto.Used))] = count,
            [(typeof(QuotaDto), nameof(QuotaDto.Remaining))] = count,
            [(typeof(QuotaDto), nameof(QuotaDto.Window))] = s => SchemaBounds.OneOf(s, ["PT1H", QuotaDto.LiveWindow]),
            [(typeof(RegionList), nameof(RegionList.Items))] = s => Items(s, catalog.AllowedRegions.Count, i => SchemaBounds.OneOf(i, catalog.AllowedRegions)),
            [(typeof(KeyRotationDto), nameof(KeyRotationDto.Kind))] = s => SchemaBounds.OneOf(s, ["jwt", "data"]),
            [(typeof(KeyRotationDto), nameof(KeyRotationDto.ActiveKeyId))] = s => { SchemaBounds.MaxLength(s, 16); SchemaBounds.Pattern(s, "^[0-9a-f]{8,16}$"); },
            [(typeof(TotpEnrolment), nameof(TotpEnrolment.Secret))] = s => { SchemaBounds.MaxLength(s, 64); SchemaBounds.Pattern(s, "^[A-Z2-7]+=*$"); },
            [(typeof(TotpEnrolment), nameof(TotpEnrolment.OtpauthUri))] = s => { s.Format = "uri"; SchemaBounds.MaxLength(s, ServerTextMaxLength); },
            [(typeof(TokenResponse), nameof(TokenResponse.AccessToken))] = s => { SchemaBounds.MaxLength(s, 4096); SchemaBounds.Pattern(s, "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"); },
            [(typeof(TokenResponse), nameof(TokenResponse.TokenType))] = s => SchemaBounds.OneOf(s, ["Bearer"]),
            [(typeof(TokenResponse), nameof(TokenResponse.ExpiresIn))] = s => SchemaBounds.Range(s, 60, AccessTokenMaxSeconds),
            [(typeof(TokenResponse), nameof(TokenResponse.RefreshToken))] = s => { SchemaBounds.Length(s, RefreshTokenLength, RefreshTokenLength); SchemaBounds.Pattern(s, "^[A-Za-z0-9_-]+$"); },
            [(typeof(TokenErrorResponse), nameof(TokenErrorResponse.Error))] = s => SchemaBounds.OneOf(s, ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"]),
            [(typeof(TokenErrorResponse), nameof(TokenErrorResponse.ErrorDescription))] = serverText,
            [(typeof(ProblemDetails), nameof(ProblemDetails.Type))] = s => { s.Format = "uri-reference"; SchemaBounds.MaxLength(s, ServerTextMaxLength); },
            [(typeof(ProblemDetails), nameof(ProblemDetails.Title))] = serverText,
            [(typeof(ProblemDetails), nameof(ProblemDetails.Detail))] = serverText,
            [(typeof(ProblemDetails), nameof(ProblemDetails.Instance))] = s => { s.Format = "uri-reference"; SchemaBounds.MaxLength(s, ServerTextMaxLength); },
            [(typeof(ProblemDetails), nameof(ProblemDetails.Status))] = s => SchemaBounds.Range(s, 100, 599),
            [(typeof(ValidationProblemDetails), nameof(ValidationProblemDetails.Errors))] = s =>
            {
                s.MaxProperties = ServerTextMaxLength;
                if (s.AdditionalProperties is OpenApiSchema messages)
                {
                    Items(messages, ServerTextMaxLength, serverText);
                }
            },
        };

        // A page holds at most the page size its query's validator allows.
        foreach (var (page, items) in pages)
        {
            members[(page, "Items")] = s => SchemaBounds.MaxItems(s, items);
            members[(page, "Page")] = pageNumber;
            members[(page, "PageSize")] = s => SchemaBounds.Range(s, 1, items);
            members[(page, "TotalCount")] = count;
            if (page.GetProperty("NextCursor") is not null)
            {
                members[(page, "NextCursor")] = s => SchemaBounds.Length(s, PageCursors.TextLength, PageCursors.TextLength);
            }
        }

        return members;
    }

    private static void Tags(OpenApiSchema schema)
    {
        schema.MaxProperties = ResourceRules.MaxTags;
        if (schema.AdditionalProperties is OpenApiSchema value)
        {
            // The character rule uses Unicode classes (\p{L}), which a JSON Schema pattern cannot spell portably: it is said in words.
            SchemaBounds.MaxLength(value, ResourceRules.TagValueMaxLength);
            value.Description = $"Letters, digits, spaces and _ . : / = + - @; keys 1 to {ResourceRules.TagKeyMaxLength} characters, not starting with aws: or orchestrator:.";
        }
    }

    /// <summary>One of the closed list, or null unless the resource failed (a JSON Schema enum must list the null too).</summary>
    private static void FailureCode(OpenApiSchema schema)
    {
        SchemaBounds.OneOf(schema, CloudFailureCode.All);
        if (schema.Type?.HasFlag(JsonSchemaType.Null) == true)
        {
            schema.Enum?.Add(null!);
        }

        schema.Description = "Null unless the resource is failed; the owner sentence for each code is in statusReason (docs/cloud-failures.md).";
    }

    private static void Outputs(OpenApiSchema schema)
    {
        schema.MaxProperties = ResourceCloudReport.MaxOutputs;
        if (schema.AdditionalProperties is OpenApiSchema value)
        {
            SchemaBounds.MaxLength(value, ResourceCloudReport.OutputValueMaxLength);
            value.Description = "ec2: instanceId, privateIpAddress, subnetId, securityGroupId; s3: bucket, arn, regionalDomainName; rds: endpoint, port, engineVersion, masterUserSecretArn. Never a secret.";
        }
    }

    private static void Items(OpenApiSchema array, int maxItems, Action<OpenApiSchema> item)
    {
        SchemaBounds.MaxItems(array, maxItems);
        if (array.Items is OpenApiSchema items)
        {
            item(items);
        }
    }
}
