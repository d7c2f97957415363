using Microsoft.Extensions.Logging;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.Domain.Authorization;
using Orchestrator.UnitTests.Application.Fakes;
using Orchestrator.UnitTests.Application.Validation;

namespace Orchestrator.UnitTests.Application.Behaviors;

public class LoggingBehaviorTests
{
    [Fact]
    public async Task A_change_that_succeeded_is_logged_at_information_with_the_caller()
    {
        var user = FakeCurrentUser.SignedIn(Role.Operator);
        var logger = new RecordingLogger<LoggingBehavior<CreateResourceCommand, string>>();
        var next = new RecordingNext<CreateResourceCommand, string>(_ => "created");

        await new LoggingBehavior<CreateResourceCommand, string>(logger, user).Handle(CreateResourceBodies.Ec2, next.Delegate, CancellationToken.None);

        var entry = logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Information);
        entry.Message.ShouldStartWith($"CreateResourceCommand by {user.UserId} succeeded in ");
    }

    [Fact]
    public async Task A_read_that_succeeded_is_logged_at_debug()
    {
        var logger = new RecordingLogger<LoggingBehavior<GetCurrentUserQuery, string>>();
        var next = new RecordingNext<GetCurrentUserQuery, string>(_ => "me");

        await new LoggingBehavior<GetCurrentUserQuery, string>(logger, FakeCurrentUser.SignedIn(Role.Viewer))
            .Handle(new GetCurrentUserQuery(), next.Delegate, CancellationToken.None);

        logger.Entries.ShouldHaveSingleItem().Level.ShouldBe(LogLevel.Debug);
    }

    [Fact]
    public async Task A_read_that_failed_is_logged_at_warning_with_the_outcome()
    {
        var logger = new RecordingLogger<LoggingBehavior<GetCurrentUserQuery, string>>();
        var next = new RecordingNext<GetCurrentUserQuery, string>(_ => throw new NotFoundException("gone"));

        await Should.ThrowAsync<NotFoundException>(async () =>
            await new LoggingBehavior<GetCurrentUserQuery, string>(logger, FakeCurrentUser.Anonymous())
                .Handle(new GetCurrentUserQuery(), next.Delegate, CancellationToken.None));

        var entry = logger.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Message.ShouldContain("ended with NotFoundException");
    }
}
