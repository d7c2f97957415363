namespace Orchestrator.Application.Common.Validation;

/// <summary>Turns a C# property path ("Spec.InstanceType") into the JSON field name clients see ("spec.instanceType").</summary>
public static class JsonFieldNames
{
    public static string FromPropertyPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return propertyPath;
        }

        var segments = propertyPath.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            // Header names ("Idempotency-Key") keep their own spelling.
            if (segment.Length > 0 && char.IsUpper(segment[0]) && !segment.Contains('-', StringComparison.Ordinal))
            {
                segments[i] = char.ToLowerInvariant(segment[0]) + segment[1..];
            }
        }

        return string.Join('.', segments);
    }
}
