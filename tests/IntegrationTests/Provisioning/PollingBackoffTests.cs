using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>A creation the cloud takes long over (RDS) is polled less and less often, up to the configured cap.</summary>
public sealed class PollingBackoffTests
{
    private const string Creating = """
        <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
          <DescribeDBInstancesResult><DBInstances><DBInstance>
            <DBInstanceIdentifier>orch-x</DBInstanceIdentifier><DBInstanceStatus>creating</DBInstanceStatus>
          </DBInstance></DBInstances></DescribeDBInstancesResult>
        </DescribeDBInstancesResponse>
        """;

    private const string NotFound = """
        <ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
          <Error><Type>Sender</Type><Code>DBInstanceNotFound</Code><Message>DBInstance not found.</Message></Error>
        </ErrorResponse>
        """;

    private const string NoOpenGroups = """<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>""";

    [Fact]
    public async Task A_long_rds_creation_is_polled_with_growing_intervals()
    {
        var created = 0;
        var clock = Stopwatch.StartNew();
        var polls = new ConcurrentQueue<TimeSpan>();
        using var endpoint = new ScriptedAwsEndpoint(
            request =>
            {
                if (request.Body.Contains("Action=DescribeSecurityGroups", StringComparison.Ordinal))
                {
                    // The check before a create: the configured security group has no rule open to the internet.
                    return (HttpStatusCode.OK, NoOpenGroups);
                }

                if (request.Body.Contains("Action=CreateDBInstance", StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref created, 1);
                    return (HttpStatusCode.OK, Creating.Replace("DescribeDBInstances", "CreateDBInstance", StringComparison.Ordinal));
                }

                if (Volatile.Read(ref created) == 0)
                {
                    return (HttpStatusCode.NotFound, NotFound);
                }

                polls.Enqueue(clock.Elapsed);
                return (HttpStatusCode.OK, Creating);
            },
            ScriptedAwsEndpoint.QueryProtocol);
        await using var factory = new OrchestratorApiFactory()
            .WithProvisioning()
            .With("Provisioning:PollInterval", "00:00:00.050")
            .With("Provisioning:MaxPollInterval", "00:00:00.800")
            .With("Cloud:Aws:Network:eu-west-2:SubnetIds:0", "subnet-0123456789abcdef0")
            .With("Cloud:Aws:Network:eu-west-2:SecurityGroupIds:0", "sg-0123456789abcdef0")
            .With("Cloud:Aws:Network:eu-west-2:DbSubnetGroupName", "private")
            .With("Cloud:Provider", "Aws")
            .With("Cloud:Aws:ServiceUrl", endpoint.Url)
            .WithServices(services => services.AddSingleton(MotoEndpoint.Credentials));
        using var admin = await factory.CreateAdminClientAsync();
        await admin.CreatePendingAsync(new { name = "slowdb01", type = "rds", region = "eu-west-2" });

        await Eventually.HoldsAsync(() => Volatile.Read(ref created) == 1);
        var start = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4));

        // Every 50 ms would be about 80 looks in 4 s; 50 ms growing by half up to 800 ms is about 9.
        // A loaded machine only delays looks, so the counts and gaps are bounded from the side load cannot push.
        var early = polls.Count(at => at >= start);
        early.ShouldBeLessThanOrEqualTo(14, $"looks in 4 s: {early}");
        await Eventually.HoldsAsync(() => polls.Count(at => at >= start) >= 14, "fourteen looks");
        var seen = polls.Where(at => at >= start).Take(14).ToList();
        var gaps = seen.Zip(seen.Skip(1), (a, b) => b - a).ToList();
        var shown = string.Join(", ", gaps.Select(g => (int)g.TotalMilliseconds));
        gaps[^1].ShouldBeGreaterThan(TimeSpan.FromMilliseconds(600), shown);
        gaps[0].ShouldBeLessThan(gaps[^1], shown);

        // Capped at 800 ms: uncapped growth would make the last three of these gaps 2.8 s or more.
        gaps.TakeLast(3).Min().ShouldBeLessThan(TimeSpan.FromMilliseconds(1300), shown);
    }
}
