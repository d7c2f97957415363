using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// The document's strong ETag (<c>"v&lt;version&gt;"</c>) and the If-Match a change must carry: required (428), and
/// naming the current version (412). <c>*</c> matches whatever is current.
/// </summary>
public static class GuardrailDocumentETag
{
    public static string Of(long version) => ResourceETag.Of(version);

    public static void Require(string? ifMatch, long currentVersion)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PreconditionRequiredException("Changing the guardrail document needs If-Match: GET /api/v1/guardrails and send its ETag back.");
        }

        if (!ResourceETag.Satisfies(ifMatch, currentVersion))
        {
            throw new PreconditionFailedException("The guardrail document has changed since it was read; GET it again and retry with its new ETag.");
        }
    }
}
