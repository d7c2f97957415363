using Mediator;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>A request that forgot to declare who may send it.</summary>
internal sealed record UndeclaredRequest : IRequest<string>;
