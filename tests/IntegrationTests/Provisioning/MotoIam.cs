using System.Xml.Linq;
using Amazon.Runtime;
using Orchestrator.Infrastructure.Cloud.Aws;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>IAM's Query API (no IAM SDK package is used here), signed with an administrator's key: users, inline policies, access keys.</summary>
public sealed class MotoIam(string url, AWSCredentials administrator) : IDisposable
{
#pragma warning disable CA2000 // The client owns its handler.
    private readonly HttpClient _http = new(new AwsSigV4Handler(administrator) { InnerHandler = new HttpClientHandler() });
#pragma warning restore CA2000

    /// <summary>A new user whose only permissions are the given policy documents, and an access key of it.</summary>
    public async Task<AWSCredentials> UserWithPoliciesAsync(params string[] policyDocuments)
    {
        var user = $"orchestrator-{Guid.NewGuid():N}"[..30];
        await CallAsync("CreateUser", new() { ["UserName"] = user });
        for (var i = 0; i < policyDocuments.Length; i++)
        {
            await CallAsync("PutUserPolicy", new()
            {
                ["UserName"] = user,
                ["PolicyName"] = $"policy{i}",
                ["PolicyDocument"] = policyDocuments[i],
            });
        }

        var key = await CallAsync("CreateAccessKey", new() { ["UserName"] = user });
        return new BasicAWSCredentials(Child(key, "AccessKeyId"), Child(key, "SecretAccessKey"));
    }

    public void Dispose() => _http.Dispose();

    private async Task<XElement> CallAsync(string action, Dictionary<string, string> parameters)
    {
        parameters["Action"] = action;
        parameters["Version"] = "2010-05-08";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(parameters) };
        request.Options.Set(AwsSigV4Handler.RegionKey, "us-east-1");
        request.Options.Set(AwsSigV4Handler.ServiceKey, "iam");
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"IAM {action}: {body}");
        return XDocument.Parse(body).Root!;
    }

    private static string Child(XElement element, string name) =>
        element.Descendants().First(e => e.Name.LocalName == name).Value;
}
