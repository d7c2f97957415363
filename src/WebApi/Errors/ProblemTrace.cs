using System.Diagnostics;

namespace Orchestrator.WebApi.Errors;

/// <summary>The trace id every problem document carries, so a client can quote it and an operator find the log lines.</summary>
public static class ProblemTrace
{
    public static string IdOf(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;
}
