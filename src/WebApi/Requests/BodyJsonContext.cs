using System.Text.Json.Serialization;
using Orchestrator.WebApi.Contracts;

namespace Orchestrator.WebApi.Requests;

/// <summary>Source-generated JSON metadata of every request body type: no reflection when a body is read.</summary>
[JsonSerializable(typeof(CreateResourceBody))]
[JsonSerializable(typeof(UpdateResourceBody))]
[JsonSerializable(typeof(ResourcePolicyBody))]
[JsonSerializable(typeof(CreateUserBody))]
[JsonSerializable(typeof(UpdateUserBody))]
[JsonSerializable(typeof(ChangePasswordBody))]
[JsonSerializable(typeof(TotpCodeBody))]
[JsonSerializable(typeof(CurrentPasswordBody))]
[JsonSerializable(typeof(DisableTotpBody))]
[JsonSerializable(typeof(GuardrailDocumentBody))]
[JsonSerializable(typeof(CreateWebhookBody))]
[JsonSerializable(typeof(DecisionBody))]
internal sealed partial class BodyJsonContext : JsonSerializerContext;
