namespace Orchestrator.Application.Common.Paging;

/// <summary>Where a page of a newest-first list ended: the time and id of its last item (the id breaks ties).</summary>
public readonly record struct PagePosition(DateTimeOffset At, Guid Id);
