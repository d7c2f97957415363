using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Telemetry;

/// <summary>
/// Nothing personal or secret leaves in telemetry: after a flow with a known user name, password, tokens, client
/// address, resource name and tag values (on moto, so the AWS SDK's calls are traced too, and with Redis), no exported
/// span attribute, event, status or metric label contains any of them.
/// </summary>
public sealed class TelemetryPrivacyTests : IAsyncLifetime
{
    private const string Region = "eu-west-2";

    private readonly TelemetryCapture _capture = new();
    private OrchestratorApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        var network = await MotoNetwork.CreateAsync(MotoEndpoint.Url, MotoEndpoint.Credentials, Region);
        _factory = _capture.Attach(network.PlaceIn(new OrchestratorApiFactory().WithMotoCloud().WithTestRedis()));
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task No_span_attribute_event_or_metric_label_carries_a_name_password_token_address_or_tag()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var username = $"tel{unique}";
        var password = TestPasswords.Random();
        var bucket = $"telbkt{unique}";
        var tagValue = $"tagval{unique}";
        const string clientAddress = "203.0.113.77";

        using var admin = await _factory.CreateAdminClientAsync();
        using (var created = await admin.PostAsJsonAsync("/api/v1/users", new { username, password, role = "admin" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var client = _factory.CreateClientFrom(clientAddress);
        using var wrong = await client.PostAsync("/token", Form(("grant_type", "password"), ("username", username), ("password", password + "x")));
        using var login = await client.PostAsync("/token", Form(("grant_type", "password"), ("username", username), ("password", password)));
        var tokens = await login.ReadJsonAsync();
        var accessToken = tokens["access_token"]!.GetValue<string>();
        var refreshToken = tokens["refresh_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var (response, traceId) = await client.CreateResourceTracedAsync(new { name = bucket, type = "s3", region = Region, tags = new { team = tagValue } });
        using var _ = response;
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.ReadJsonAsync())["id"]!.GetValue<string>();
        await client.WaitForStatusAsync(id, "active");
        using (await client.GetAsync($"/api/v1/resources?name={bucket}"))
        {
        }

        using (await client.PostAsync("/token", Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken))))
        {
        }

        using (await client.PostAsync("/token", Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken))))
        {
        }

        // The AWS SDK's calls of the worker are in the request's trace: the one trace reaches the cloud.
        await Provisioning.Eventually.HoldsAsync(
            () => _capture.Spans.Any(s => s.TraceId == traceId && s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http"),
            "the worker's AWS calls in the request's trace");

        string[] secrets = [username, password, accessToken, refreshToken, clientAddress, bucket, tagValue];
        var spans = _capture.Spans;
        spans.ShouldContain(s => s.Source.Name.Contains("Redis", StringComparison.Ordinal), "Redis commands are traced");
        var exported = spans.SelectMany(SpanTexts)
            .Concat(_capture.CollectMetrics(_factory).SelectMany(m => m.MetricPoints).SelectMany(TelemetryCapture.Tags).Select(t => $"{t.Key}={t.Value}"))
            .ToList();
        exported.ShouldNotBeEmpty();
        foreach (var secret in secrets)
        {
            exported.Where(text => text.Contains(secret, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty($"exported telemetry contains '{secret}'");
        }
    }

    private static IEnumerable<string> SpanTexts(Activity span)
    {
        yield return span.DisplayName;
        yield return span.StatusDescription ?? string.Empty;
        foreach (var tag in span.TagObjects)
        {
            yield return $"{tag.Key}={tag.Value}";
        }

        foreach (var item in span.Events)
        {
            yield return item.Name;
            foreach (var tag in item.Tags)
            {
                yield return $"{tag.Key}={tag.Value}";
            }
        }

        foreach (var baggage in span.Baggage)
        {
            yield return $"{baggage.Key}={baggage.Value}";
        }
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
