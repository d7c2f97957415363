using System.Net;
using System.Text.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>Every validation rule of the API contract, through HTTP: each bad input gets a 400 naming its field.</summary>
public sealed class ValidationTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private static readonly string LongKey = new('k', 129);
    private static readonly string LongValue = new('v', 257);

    public static TheoryData<string, string> InvalidCreations => new()
    {
        { """{"type":"ec2","region":"us-east-1"}""", "name" },
        { """{"name":"ab","type":"ec2","region":"us-east-1"}""", "name" },
        { $$"""{"name":"{{new string('a', 64)}}","type":"ec2","region":"us-east-1"}""", "name" },
        { """{"name":"web-01","type":"ec2","region":"us-east-1"}""", "name" },
        { """{"name":"wéb01","type":"ec2","region":"us-east-1"}""", "name" },
        { """{"name":"web01' OR 1=1 --","type":"ec2","region":"us-east-1"}""", "name" },
        { """{"name":"web01","region":"us-east-1"}""", "type" },
        { """{"name":"web01","type":"lambda","region":"us-east-1"}""", "type" },
        { """{"name":"web01","type":"EC2","region":"us-east-1"}""", "type" },
        { """{"name":"web01","type":"ec2"}""", "region" },
        { """{"name":"web01","type":"ec2","region":"mars-north-1"}""", "region" },
        { """{"name":"web01","type":"ec2","region":"US-EAST-1"}""", "region" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","tags":{"":"x"}}""", "tags" },
        { $$$"""{"name":"web01","type":"ec2","region":"us-east-1","tags":{"{{{LongKey}}}":"x"}}""", "tags" },
        { $$$"""{"name":"web01","type":"ec2","region":"us-east-1","tags":{"k":"{{{LongValue}}}"}}""", "tags" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","tags":{"aws:owner":"x"}}""", "tags" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","tags":{"AWS:owner":"x"}}""", "tags" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","tags":{"bad<key>":"x"}}""", "tags" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","tags":{"k":"bad;value"}}""", "tags" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","tags":{"k":null}}""", "tags" },
        { $$"""{"name":"web01","type":"ec2","region":"us-east-1","tags":{{TooManyTags()}}}""", "tags" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","spec":{"instanceType":"x1e.32xlarge"}}""", "spec.instanceType" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","spec":{"imageId":"ami-123"}}""", "spec.imageId" },
        { """{"name":"web01","type":"ec2","region":"us-east-1","spec":{"engine":"postgres"}}""", "spec.engine" },
        { """{"name":"db01","type":"rds","region":"us-east-1","spec":{"engine":"oracle"}}""", "spec.engine" },
        { """{"name":"db01","type":"rds","region":"us-east-1","spec":{"instanceClass":"db.x1.huge"}}""", "spec.instanceClass" },
        { """{"name":"db01","type":"rds","region":"us-east-1","spec":{"allocatedStorage":19}}""", "spec.allocatedStorage" },
        { """{"name":"db01","type":"rds","region":"us-east-1","spec":{"allocatedStorage":1001}}""", "spec.allocatedStorage" },
        { """{"name":"db01","type":"rds","region":"us-east-1","spec":{"versioning":true}}""", "spec.versioning" },
        { """{"name":"bucket01","type":"s3","region":"us-east-1","spec":{"instanceType":"t3.micro"}}""", "spec.instanceType" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreations))]
    public async Task Invalid_creation_gets_400_naming_the_field(string json, string field)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        problem["errors"]![field]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("""{"name":"abc","type":"s3","region":"us-east-1"}""")]
    [InlineData("""{"name":"Web01ABCxyz","type":"ec2","region":"eu-west-2","spec":{"instanceType":"t3.medium","imageId":"ami-0123456789abcdef0"}}""")]
    [InlineData("""{"name":"db01","type":"rds","region":"us-west-2","spec":{"engine":"mariadb","instanceClass":"db.t3.small","allocatedStorage":1000}}""")]
    [InlineData("""{"name":"bucket01","type":"s3","region":"ap-south-1","spec":{"versioning":true},"tags":{"Cost Center":"a/b=c+d-e@f.g:h_i"}}""")]
    public async Task Valid_creation_is_accepted(string json)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fifty_tags_are_accepted_and_defaults_fill_the_spec()
    {
        using var client = await factory.CreateAdminClientAsync();
        var tags = Enumerable.Range(0, 50).ToDictionary(i => $"key{i}", i => $"value{i}");
        using var response = await client.CreateResourceAsync(new { name = "db50", type = "rds", region = "us-east-1", tags });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var spec = (await response.ReadJsonAsync())["spec"]!;
        spec["engine"]!.GetValue<string>().ShouldBe("postgres");
        spec["allocatedStorage"]!.GetValue<int>().ShouldBe(20);
        spec["instanceType"].ShouldBeNull();
    }

    [Theory]
    [InlineData("type=vm", "type")]
    [InlineData("status=running", "status")]
    [InlineData("tag=novalue", "tag")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    public async Task Invalid_list_query_gets_400_naming_the_parameter(string query, string field)
    {
        using var client = await factory.CreateAdminClientAsync();
        using var response = await client.GetAsync($"/api/v1/resources?{query}");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
    }

    [Fact]
    public async Task Patch_with_nothing_to_change_or_bad_tags_gets_400()
    {
        using var client = await factory.CreateAdminClientAsync();
        using var created = await client.CreateResourceAsync(new { name = "patchme", type = "s3", region = "us-east-1" });
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();

        using var missing = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", "{}");
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["body"].ShouldNotBeNull();

        using var reserved = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{"aws:x":"y"}}""");
        (await reserved.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["tags"].ShouldNotBeNull();

        using var extra = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"tags":{},"name":"renamed"}""");
        (await extra.ShouldBeProblemAsync(HttpStatusCode.BadRequest))["errors"]!["name"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Invalid_user_creation_gets_400_naming_the_field()
    {
        using var client = await factory.CreateAdminClientAsync();
        var cases = new (object Body, string Field)[]
        {
            (new { username = "alice", password = "too short", role = "viewer" }, "password"),
            (new { username = "alice", password = "my-name-is-alice-and-this-is-long", role = "viewer" }, "password"),
            (new { username = "alice", password = "a perfectly long passphrase", role = "root" }, "role"),
            (new { username = "a", password = "a perfectly long passphrase", role = "viewer" }, "username"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/users", JsonSerializer.Serialize(body));
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        }
    }

    private static string TooManyTags() =>
        JsonSerializer.Serialize(Enumerable.Range(0, 51).ToDictionary(i => $"key{i}", i => "v"));
}
