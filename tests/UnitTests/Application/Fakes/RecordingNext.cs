using Mediator;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>The rest of the pipeline, as a behavior sees it: counts its calls and answers with <paramref name="handle"/>.</summary>
internal sealed class RecordingNext<TMessage, TResponse>(Func<TMessage, TResponse> handle)
    where TMessage : IMessage
{
    public int Calls { get; private set; }

    public MessageHandlerDelegate<TMessage, TResponse> Delegate => (message, _) =>
    {
        Calls++;
        return ValueTask.FromResult(handle(message));
    };
}
