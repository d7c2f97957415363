using Microsoft.Extensions.Logging;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>
/// The logging behavior's messages, generated: nothing is boxed or formatted unless the level is enabled,
/// and the arguments travel in a struct instead of a params array.
/// </summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Request} by {UserId} succeeded in {ElapsedMs:0.0} ms")]
    public static partial void Succeeded(ILogger logger, string request, Guid? userId, double elapsedMs);

    // A read that succeeded changed nothing: logged at Debug, so that a busy service's log says what changed and
    // reads do not queue on the console logger (docs/decisions/0010-pooled-contexts-and-a-compiled-resource-load.md).
    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Request} by {UserId} succeeded in {ElapsedMs:0.0} ms")]
    public static partial void ReadSucceeded(ILogger logger, string request, Guid? userId, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Request} by {UserId} ended with {Outcome} in {ElapsedMs:0.0} ms")]
    public static partial void Failed(ILogger logger, string request, Guid? userId, string outcome, double elapsedMs);
}
