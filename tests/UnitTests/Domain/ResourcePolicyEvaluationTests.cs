using Orchestrator.Domain.Authorization;

namespace Orchestrator.UnitTests.Domain;

/// <summary>
/// The five-step decision of the API contract with policy statements, as a decision table:
/// role permission, explicit Deny (admins included), owner or admin, Allow statement, default deny.
/// </summary>
public class ResourcePolicyEvaluationTests
{
    private static readonly Guid Owner = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Caller = Guid.Parse("22222222-2222-2222-2222-222222222222");

    public static TheoryData<string, Role, bool, string, ResourceAction, AccessDecision> Table => new()
    {
        // No policy: owner or admin only.
        { "no policy, stranger", Role.Operator, false, "", ResourceAction.Read, AccessDecision.Hidden },
        { "no policy, admin", Role.Admin, false, "", ResourceAction.Delete, AccessDecision.Allowed },

        // Step 4: an Allow opens exactly the granted actions.
        { "allow read to user", Role.Operator, false, "Allow user:caller read", ResourceAction.Read, AccessDecision.Allowed },
        { "allow read to user, update", Role.Operator, false, "Allow user:caller read", ResourceAction.Update, AccessDecision.Forbidden },
        { "allow update without read", Role.Operator, false, "Allow user:caller update", ResourceAction.Update, AccessDecision.Hidden },
        { "allow read+update to role", Role.Operator, false, "Allow role:operator read,update", ResourceAction.Update, AccessDecision.Allowed },
        { "allow to another role", Role.Viewer, false, "Allow role:operator read", ResourceAction.Read, AccessDecision.Hidden },
        { "allow to everyone", Role.Viewer, false, "Allow * read", ResourceAction.Read, AccessDecision.Allowed },
        { "allow to another user", Role.Operator, false, "Allow user:owner read", ResourceAction.Read, AccessDecision.Hidden },

        // Step 1 first: a grant cannot give what the role lacks.
        { "allow delete to operator", Role.Operator, false, "Allow * read,delete", ResourceAction.Delete, AccessDecision.Forbidden },
        { "allow update to viewer", Role.Viewer, false, "Allow * read,update", ResourceAction.Update, AccessDecision.Forbidden },

        // Step 2: Deny wins over ownership, adminship and Allow.
        { "deny read to owner", Role.Operator, true, "Deny user:caller read", ResourceAction.Read, AccessDecision.Hidden },
        { "deny delete to admin", Role.Admin, false, "Deny role:admin delete", ResourceAction.Delete, AccessDecision.Forbidden },
        { "deny all to everyone, admin", Role.Admin, false, "Deny * read,update,delete", ResourceAction.Read, AccessDecision.Hidden },
        { "deny beats allow", Role.Operator, false, "Allow * read;Deny user:caller read", ResourceAction.Read, AccessDecision.Hidden },
        { "deny other action only", Role.Operator, true, "Deny * delete", ResourceAction.Update, AccessDecision.Allowed },

        // Managing the policy: owner with update permission, or admin, whatever the statements say.
        { "owner manages policy", Role.Operator, true, "Deny * read,update", ResourceAction.ManagePolicy, AccessDecision.Allowed },
        { "admin manages denied policy", Role.Admin, false, "Deny * read,update,delete", ResourceAction.ManagePolicy, AccessDecision.Allowed },
        { "viewer owner cannot manage", Role.Viewer, true, "", ResourceAction.ManagePolicy, AccessDecision.Forbidden },
        { "granted reader cannot manage", Role.Operator, false, "Allow * read,update", ResourceAction.ManagePolicy, AccessDecision.Forbidden },
        { "stranger cannot see policy", Role.Operator, false, "", ResourceAction.ManagePolicy, AccessDecision.Hidden },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide(string scenario, Role role, bool callerOwnsIt, string statements, ResourceAction action, AccessDecision expected)
    {
        var resource = TestResources.Ec2(callerOwnsIt ? Caller : Owner);
        resource.ReplacePolicy(Parse(statements), TestResources.CreatedAt);

        ResourceAccessPolicy.Decide(Caller, role, resource, action).ShouldBe(expected, scenario);
    }

    [Fact]
    public void Policy_grants_flatten_every_principal_and_action_once()
    {
        var policy = Parse("Allow user:caller,role:viewer read,update;Allow user:caller read");

        policy.Grants().Count().ShouldBe(4);
        policy.Grants().ShouldContain((PolicyEffect.Allow, PolicyPrincipal.ForRole(Role.Viewer), ResourceAction.Update));
    }

    [Theory]
    [InlineData("*", "*")]
    [InlineData("role:viewer", "role:viewer")]
    [InlineData("user:2222222A-2222-2222-2222-222222222222", "user:2222222a-2222-2222-2222-222222222222")]
    public void Principals_are_normalized(string text, string expected)
    {
        PolicyPrincipal.TryNormalize(text, out var principal).ShouldBeTrue();
        principal.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user:")]
    [InlineData("user:not-a-guid")]
    [InlineData("role:root")]
    [InlineData("role:Admin")]
    [InlineData("group:devs")]
    [InlineData("**")]
    public void Malformed_principals_are_refused(string text) =>
        PolicyPrincipal.TryNormalize(text, out _).ShouldBeFalse();

    /// <summary>"Effect principal,principal action,action" statements separated by ';'; "caller"/"owner" name the test users.</summary>
    private static ResourcePolicy Parse(string statements) =>
        new([.. statements.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(text =>
        {
            var parts = text.Split(' ');
            var principals = parts[1].Split(',').Select(p => p switch
            {
                "user:caller" => PolicyPrincipal.ForUser(Caller),
                "user:owner" => PolicyPrincipal.ForUser(Owner),
                _ => p,
            });
            var actions = parts[2].Split(',').Select(a => Enum.Parse<ResourceAction>(a, ignoreCase: true));
            return new PolicyStatement(Enum.Parse<PolicyEffect>(parts[0]), [.. principals], [.. actions]);
        })]);
}
