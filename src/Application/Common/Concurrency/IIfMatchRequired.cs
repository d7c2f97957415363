namespace Orchestrator.Application.Common.Concurrency;

/// <summary>A change that must name the version it was made from: without If-Match it is refused with 428.</summary>
public interface IIfMatchRequired
{
    string? IfMatch { get; }
}
