using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Identity;

/// <summary>One TOTP time step, or one recovery code, opens at most one session however many logins send it at once.</summary>
public sealed class ParallelOneTimeCodeTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private const int Logins = 12;

    [Fact]
    public async Task One_totp_code_sent_by_parallel_logins_opens_one_session()
    {
        for (var round = 0; round < 3; round++)
        {
            var mfa = await MfaEnrolment.CreateAsync(factory);
            var code = mfa.NextCode;
            var answers = await AtOnce.RunAsync(Logins, _ => factory.PostTokenAsync(
                ("grant_type", "password"), ("username", mfa.User.Username), ("password", mfa.User.Password), ("otp", code)));

            answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, $"round {round}: {string.Join(", ", answers.Select(a => a.Status))}");
            answers.Where(a => a.Status != HttpStatusCode.OK)
                .ShouldAllBe(
                    a => a.Status == HttpStatusCode.BadRequest && a.Body["error"]!.GetValue<string>() == "invalid_grant",
                    string.Join(", ", answers.Select(a => $"{(int)a.Status} {a.Body["error"] ?? a.Body["detail"]}")));
        }
    }

    [Fact]
    public async Task One_recovery_code_sent_by_parallel_logins_opens_one_session()
    {
        for (var round = 0; round < 3; round++)
        {
            var mfa = await MfaEnrolment.CreateAsync(factory);
            mfa.RecoveryCodes.Count.ShouldBe(10);
            var code = mfa.RecoveryCodes[round];
            var answers = await AtOnce.RunAsync(Logins, _ => factory.PostTokenAsync(
                ("grant_type", "password"), ("username", mfa.User.Username), ("password", mfa.User.Password), ("otp", code)));

            answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, $"round {round}: {string.Join(", ", answers.Select(a => a.Status))}");
            answers.Where(a => a.Status != HttpStatusCode.OK)
                .ShouldAllBe(
                    a => a.Status == HttpStatusCode.BadRequest && a.Body["error"]!.GetValue<string>() == "invalid_grant",
                    string.Join(", ", answers.Select(a => $"{(int)a.Status} {a.Body["error"] ?? a.Body["detail"]}")));
        }
    }
}
