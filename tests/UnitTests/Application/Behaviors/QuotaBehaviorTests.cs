using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.UnitTests.Application.Fakes;
using Orchestrator.UnitTests.Application.Validation;

namespace Orchestrator.UnitTests.Application.Behaviors;

public class QuotaBehaviorTests
{
    private readonly FakeCurrentUser _operator = FakeCurrentUser.SignedIn(Role.Operator);
    private readonly FakeQuotaGate _gate = new();

    [Fact]
    public async Task Reserves_the_callers_quota_for_the_requested_type()
    {
        await Handle(CreateResourceBodies.Rds, new RecordingNext<CreateResourceCommand, object>(_ => "created"));

        var reservation = _gate.Reservations.ShouldHaveSingleItem();
        reservation.UserId.ShouldBe(_operator.UserId);
        reservation.Type.ShouldBe(ResourceType.Rds);
    }

    [Fact]
    public async Task Reservation_is_completed_when_the_handler_succeeds()
    {
        await Handle(CreateResourceBodies.Ec2, new RecordingNext<CreateResourceCommand, object>(_ => "created"));

        var reservation = _gate.Reservations.ShouldHaveSingleItem();
        reservation.Completions.ShouldBe(1);
        reservation.Releases.ShouldBe(0);
    }

    [Fact]
    public async Task Reservation_is_released_when_the_handler_throws()
    {
        var next = new RecordingNext<CreateResourceCommand, object>(_ => throw new InvalidOperationException("provider down"));

        await Should.ThrowAsync<InvalidOperationException>(async () => await Handle(CreateResourceBodies.Ec2, next));

        var reservation = _gate.Reservations.ShouldHaveSingleItem();
        reservation.Releases.ShouldBe(1);
        reservation.Completions.ShouldBe(0);
    }

    [Fact]
    public async Task Refused_quota_stops_the_request_before_the_handler()
    {
        var gate = new FakeQuotaGate { Refusal = new QuotaExceededException("ec2-per-hour", "Quota used up.", TimeSpan.FromMinutes(3)) };
        var next = new RecordingNext<CreateResourceCommand, object>(_ => "created");

        await Should.ThrowAsync<QuotaExceededException>(async () =>
            await new QuotaBehavior<CreateResourceCommand, object>(gate, _operator, new ReservedQuota()).Handle(CreateResourceBodies.Ec2, next.Delegate, CancellationToken.None));

        next.Calls.ShouldBe(0);
    }

    private ValueTask<object> Handle(CreateResourceCommand command, RecordingNext<CreateResourceCommand, object> next) =>
        new QuotaBehavior<CreateResourceCommand, object>(_gate, _operator, new ReservedQuota()).Handle(command, next.Delegate, CancellationToken.None);
}
