using Orchestrator.Application.Authentication.IssueToken;
using Orchestrator.Application.Common.Behaviors;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Users.CreateUser;
using Orchestrator.Application.Users.GetCurrentUser;
using Orchestrator.Domain.Authorization;
using Orchestrator.UnitTests.Application.Fakes;
using Orchestrator.UnitTests.Application.Validation;

namespace Orchestrator.UnitTests.Application.Behaviors;

public class PermissionBehaviorTests
{
    [Fact]
    public async Task Anonymous_request_passes_without_a_user()
    {
        var next = new RecordingNext<IssueTokenCommand, string>(_ => "tokens");

        var response = await Handle(FakeCurrentUser.Anonymous(), new IssueTokenCommand("password", "alice", "secret", null, null), next);

        response.ShouldBe("tokens");
        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Unauthenticated_caller_is_refused_before_anything_runs()
    {
        var next = new RecordingNext<CreateResourceCommand, string>(_ => "created");

        await Should.ThrowAsync<UnauthenticatedException>(async () =>
            await Handle(FakeCurrentUser.Anonymous(), CreateResourceBodies.Ec2, next));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Request_that_only_needs_a_signed_in_user_refuses_the_anonymous()
    {
        var next = new RecordingNext<GetCurrentUserQuery, string>(_ => "me");

        await Should.ThrowAsync<UnauthenticatedException>(async () =>
            await Handle(FakeCurrentUser.Anonymous(), new GetCurrentUserQuery(), next));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Request_that_only_needs_a_signed_in_user_passes_for_a_viewer()
    {
        var next = new RecordingNext<GetCurrentUserQuery, string>(_ => "me");

        (await Handle(FakeCurrentUser.SignedIn(Role.Viewer), new GetCurrentUserQuery(), next)).ShouldBe("me");
        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Viewer_creating_a_resource_is_forbidden_and_the_handler_never_runs()
    {
        var next = new RecordingNext<CreateResourceCommand, string>(_ => "created");

        await Should.ThrowAsync<ForbiddenException>(async () =>
            await Handle(FakeCurrentUser.SignedIn(Role.Viewer), CreateResourceBodies.Ec2, next));

        next.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Operator)]
    public async Task Role_with_the_create_permission_may_create(Role role)
    {
        var next = new RecordingNext<CreateResourceCommand, string>(_ => "created");

        (await Handle(FakeCurrentUser.SignedIn(role), CreateResourceBodies.Ec2, next)).ShouldBe("created");
        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Operator_may_not_manage_users()
    {
        var next = new RecordingNext<CreateUserCommand, string>(_ => "user");

        await Should.ThrowAsync<ForbiddenException>(async () =>
            await Handle(FakeCurrentUser.SignedIn(Role.Operator), new CreateUserCommand("bob", "a long enough password", "viewer"), next));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Request_that_declares_nothing_is_refused_even_for_an_admin()
    {
        var next = new RecordingNext<UndeclaredRequest, string>(_ => "done");

        await Should.ThrowAsync<ForbiddenException>(async () =>
            await Handle(FakeCurrentUser.SignedIn(Role.Admin), new UndeclaredRequest(), next));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Denial_is_written_to_the_audit_log()
    {
        var next = new RecordingNext<CreateUserCommand, string>(_ => "created");
        var audit = new RecordingAuditLog();

        await Should.ThrowAsync<ForbiddenException>(async () =>
            await new PermissionBehavior<CreateUserCommand, string>(FakeCurrentUser.SignedIn(Role.Viewer), audit)
                .Handle(new CreateUserCommand("bob", "a long enough password", "viewer"), next.Delegate, CancellationToken.None));

        audit.Entries.ShouldHaveSingleItem().Action.ShouldBe("access.denied");
        audit.Entries[0].Outcome.ShouldBe(Orchestrator.Domain.Audit.AuditOutcome.Denied);
        audit.Entries[0].Details.ShouldContain("permission=manageusers");
    }

    private static ValueTask<string> Handle<TMessage>(FakeCurrentUser user, TMessage message, RecordingNext<TMessage, string> next)
        where TMessage : Mediator.IMessage =>
        new PermissionBehavior<TMessage, string>(user, new RecordingAuditLog()).Handle(message, next.Delegate, CancellationToken.None);
}
