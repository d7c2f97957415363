using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.UnitTests.Application.Fakes;
using Orchestrator.UnitTests.Application.Validation;

namespace Orchestrator.UnitTests.Application.Behaviors;

public class IdempotencyBehaviorTests
{
    private static readonly CreateResourceCommand Retry = CreateResourceBodies.Ec2 with { IdempotencyKey = "order-7" };
    private static readonly ResourceDto FirstAnswer = new() { Id = Guid.NewGuid(), Name = "web01", Status = "pending" };
    private static readonly ResourceDto NewAnswer = new() { Id = Guid.NewGuid(), Name = "web01", Status = "pending" };

    private readonly RecordingNext<CreateResourceCommand, ResourceDto> _next = new(_ => NewAnswer);

    [Fact]
    public async Task Known_key_is_answered_with_the_first_answer_without_running_the_rest()
    {
        var replayer = new FakeCreateResourceReplayer { Earlier = FirstAnswer };

        var answer = await Handle(replayer, Retry);

        answer.ShouldBeSameAs(FirstAnswer);
        _next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task New_key_runs_the_rest_of_the_pipeline()
    {
        var replayer = new FakeCreateResourceReplayer { Earlier = null };

        (await Handle(replayer, Retry)).ShouldBeSameAs(NewAnswer);
        replayer.Lookups.ShouldBe(1);
        _next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Request_without_a_key_is_not_looked_up()
    {
        var replayer = new FakeCreateResourceReplayer { Earlier = FirstAnswer };

        (await Handle(replayer, CreateResourceBodies.Ec2)).ShouldBeSameAs(NewAnswer);
        replayer.Lookups.ShouldBe(0);
    }

    [Fact]
    public async Task Key_reused_with_another_body_is_refused_without_running_the_rest()
    {
        var replayer = new FakeCreateResourceReplayer { Refusal = new IdempotencyKeyReusedException() };

        await Should.ThrowAsync<IdempotencyKeyReusedException>(async () => await Handle(replayer, Retry));

        _next.Calls.ShouldBe(0);
    }

    private async Task<ResourceDto> Handle(FakeCreateResourceReplayer replayer, CreateResourceCommand command)
    {
        using var services = new ServiceCollection()
            .AddSingleton<IIdempotentReplayer<CreateResourceCommand, ResourceDto>>(replayer)
            .BuildServiceProvider();
        return await new IdempotencyBehavior<CreateResourceCommand, ResourceDto>(services).Handle(command, _next.Delegate, CancellationToken.None);
    }
}
