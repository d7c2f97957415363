using System.Net;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Common.Secrets;
using Orchestrator.Application.Provisioning;
using Orchestrator.Infrastructure.Cloud.Aws;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>Throttled and 5xx answers are retried (and every retry is signed again); other errors are not.</summary>
public sealed class AwsRetryTests
{
    private const string Throttled = """
        <ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
          <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
          <RequestId>1</RequestId>
        </ErrorResponse>
        """;

    private const string Available = """
        <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
          <DescribeDBInstancesResult><DBInstances><DBInstance>
            <DBInstanceIdentifier>orch-x</DBInstanceIdentifier><DBInstanceStatus>available</DBInstanceStatus>
          </DBInstance></DBInstances></DescribeDBInstancesResult>
        </DescribeDBInstancesResponse>
        """;

    private const string NotFound = """
        <ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
          <Error><Type>Sender</Type><Code>DBInstanceNotFound</Code><Message>DBInstance orch-x not found.</Message></Error>
        </ErrorResponse>
        """;

    [Fact]
    public async Task The_rds_client_retries_5xx_and_throttling_then_succeeds_signing_each_attempt()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            ScriptedAwsEndpoint.QueryProtocol,
            (HttpStatusCode.ServiceUnavailable, "<html>busy</html>"),
            (HttpStatusCode.BadRequest, Throttled),
            (HttpStatusCode.OK, Available));
        using var services = RdsServices(endpoint.Url);

        var answer = await services.GetRequiredService<RdsQueryClient>()
            .CallAsync("eu-west-2", "DescribeDBInstances", [new("DBInstanceIdentifier", "orch-x")], CancellationToken.None);

        RdsQueryClient.Child(answer, "DBInstanceStatus").ShouldBe("available");
        endpoint.Requests.Count.ShouldBe(3);
        foreach (var request in endpoint.Requests)
        {
            request.Authorization.ShouldNotBeNull().ShouldStartWith("AWS4-HMAC-SHA256 Credential=test/");
            request.Authorization.ShouldContain("/eu-west-2/rds/aws4_request");
            request.Body.ShouldContain("Action=DescribeDBInstances");
            request.Body.ShouldContain("Version=2014-10-31");
        }
    }

    [Fact]
    public async Task The_rds_client_does_not_retry_an_error_that_retrying_cannot_fix()
    {
        using var endpoint = new ScriptedAwsEndpoint(ScriptedAwsEndpoint.QueryProtocol, (HttpStatusCode.NotFound, NotFound), (HttpStatusCode.OK, Available));
        using var services = RdsServices(endpoint.Url);

        var error = await Should.ThrowAsync<RdsErrorException>(() => services.GetRequiredService<RdsQueryClient>()
            .CallAsync("eu-west-2", "DescribeDBInstances", [new("DBInstanceIdentifier", "orch-x")], CancellationToken.None));

        error.Code.ShouldBe("DBInstanceNotFound");
        endpoint.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_rds_client_gives_up_after_its_retries_and_the_error_stays_transient()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            ScriptedAwsEndpoint.QueryProtocol,
            (HttpStatusCode.InternalServerError, "<ErrorResponse><Error><Code>InternalFailure</Code><Message>x</Message></Error></ErrorResponse>"),
            (HttpStatusCode.InternalServerError, "<ErrorResponse><Error><Code>InternalFailure</Code><Message>x</Message></Error></ErrorResponse>"),
            (HttpStatusCode.InternalServerError, "<ErrorResponse><Error><Code>InternalFailure</Code><Message>x</Message></Error></ErrorResponse>"));
        using var services = RdsServices(endpoint.Url, maxErrorRetry: 2);
        var provider = services.GetServices<ICloudProvider>().Single(p => p.Type == Domain.Resources.ResourceType.Rds);

        // Not a CloudOperationFailedException: the worker backs off and tries the job again later.
        var error = await Should.ThrowAsync<CloudTransientException>(() => provider.CreateAsync(
            new CloudResource(Guid.NewGuid(), Guid.NewGuid(), Domain.Resources.ResourceType.Rds, "db01", "eu-west-2", new(), new Dictionary<string, string>(), null),
            CancellationToken.None));

        error.Operation.ShouldBe("DescribeDBInstances");
        error.InnerException.ShouldBeOfType<RdsErrorException>().StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        endpoint.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_ec2_client_retries_throttling_and_5xx()
    {
        const string throttled = "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>";
        const string empty = "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>2</requestId><reservationSet/></DescribeInstancesResponse>";
        using var endpoint = new ScriptedAwsEndpoint(
            ScriptedAwsEndpoint.QueryProtocol,
            (HttpStatusCode.ServiceUnavailable, throttled),
            (HttpStatusCode.BadGateway, "<html>bad gateway</html>"),
            (HttpStatusCode.OK, empty));
        using var services = RdsServices(endpoint.Url);
        var provider = services.GetServices<ICloudProvider>().Single(p => p.Type == Domain.Resources.ResourceType.Ec2);

        // Deleting an instance that does not exist: one DescribeInstances, answered after two retries.
        var progress = await provider.DeleteAsync(
            new CloudResource(Guid.NewGuid(), Guid.NewGuid(), Domain.Resources.ResourceType.Ec2, "vm01", "eu-west-2", new(), new Dictionary<string, string>(), null),
            CancellationToken.None);

        progress.IsDone.ShouldBeTrue();
        endpoint.Requests.Count.ShouldBe(3);
        endpoint.Requests.ShouldAllBe(r => r.Body.Contains("Action=DescribeInstances"));
    }

    private static ServiceProvider RdsServices(string url, int maxErrorRetry = 3)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cloud:Aws:ServiceUrl"] = url,
                ["Cloud:Aws:MaxErrorRetry"] = maxErrorRetry.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cloud:Aws:RetryBaseDelay"] = "00:00:00.020",
            })
            .Build();
        AwsCloudRegistration.AddAwsCloud(services, configuration);
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("test", "test"));
        services.AddSingleton<ISecretStore, DictionarySecretStore>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
