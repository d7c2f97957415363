using System.Text.Json;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// Writes a <see cref="GuardrailSubject"/> as the JSON document rules are evaluated against, field by field, so its
/// shape is exactly the contract's: tags always an object, expiresAt a string or null, the cost a number (USD a month).
/// </summary>
public static class GuardrailSubjectJson
{
    public static JsonElement Write(GuardrailSubject subject)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", subject.Name);
            json.WriteString("type", ResourceWireNames.Of(subject.Type));
            json.WriteString("region", subject.Region);
            json.WriteStartObject("tags");
            foreach (var (key, value) in subject.Tags)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            WriteSpec(json, subject);
            if (subject.ExpiresAt is { } expiresAt)
            {
                json.WriteString("expiresAt", expiresAt.ToUniversalTime());
            }
            else
            {
                json.WriteNull("expiresAt");
            }

            json.WriteNumber("estimatedMonthlyCost", subject.Cost.Amount);
            json.WriteStartObject("requester");
            json.WriteString("id", subject.Requester.Id);
            json.WriteString("role", subject.Requester.Role);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void WriteSpec(Utf8JsonWriter json, GuardrailSubject subject)
    {
        var spec = subject.Spec;
        json.WriteStartObject("spec");
        WriteIfSet(json, "instanceType", spec.InstanceType);
        WriteIfSet(json, "imageId", spec.ImageId);
        WriteIfSet(json, "engine", spec.Engine);
        WriteIfSet(json, "instanceClass", spec.InstanceClass);
        if (spec.AllocatedStorage is { } storage)
        {
            json.WriteNumber("allocatedStorage", storage);
        }

        if (spec.Versioning is { } versioning)
        {
            json.WriteBoolean("versioning", versioning);
        }

        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
