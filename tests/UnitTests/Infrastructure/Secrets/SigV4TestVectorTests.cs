using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Signing;

namespace Orchestrator.UnitTests.Infrastructure.Secrets;

/// <summary>
/// The signer the Secrets Manager client uses, checked against AWS's published SigV4 test suite (credentials
/// AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z). The SDK's request signer always
/// signs an x-amz-content-sha256 header, which the suite's requests lack; so the suite's canonical requests
/// check the SDK's signature computation and a spec-following reference, and the reference (anchored to the
/// suite) then checks the SDK's full request signing exactly.
/// </summary>
public class SigV4TestVectorTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Scope = "20150830/us-east-1/service/aws4_request";
    private const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    /// <summary>Canonical requests and signatures of the suite's get-vanilla, get-vanilla-query-order-key-case and post-vanilla.</summary>
    public static TheoryData<string, string, string> PublishedVectors => new()
    {
        {
            "get-vanilla",
            $"GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n{EmptyBodyHash}",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        },
        {
            "get-vanilla-query-order-key-case",
            $"GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n{EmptyBodyHash}",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        },
        {
            "post-vanilla",
            $"POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n{EmptyBodyHash}",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        },
    };

    [Fact]
    public void Get_vanilla_canonical_request_hashes_to_the_published_string_to_sign() =>
        Hex(SHA256.HashData(Encoding.UTF8.GetBytes(PublishedVectors.First()[1].ToString()!)))
            .ShouldBe("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void Sdk_signature_of_a_published_canonical_request_is_the_published_one(string vector, string canonicalRequest, string signature)
    {
        var result = AWS4Signer.ComputeSignature(AccessKey, SecretKey, "us-east-1", SignedAt, "service", "host;x-amz-date", canonicalRequest);

        result.ForAuthorizationHeader.ShouldBe(PublishedAuthorization(signature), vector);
    }

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void Reference_signature_of_a_published_canonical_request_is_the_published_one(string vector, string canonicalRequest, string signature) =>
        ReferenceSignature(canonicalRequest).ShouldBe(signature, vector);

    [Fact]
    public async Task Sdk_request_signing_of_get_vanilla_matches_the_reference_exactly()
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri("https://example.amazonaws.com/") };

        var result = await AWSSigV4Signer.SignAsync(request, Parameters());

        var canonical = $"GET\n/\n\nhost:example.amazonaws.com\nx-amz-content-sha256:{EmptyBodyHash}\nx-amz-date:20150830T123600Z\n\nhost;x-amz-content-sha256;x-amz-date\n{EmptyBodyHash}";
        result.Headers["Authorization"].ShouldBe(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={ReferenceSignature(canonical)}");
        result.Headers["X-Amz-Date"].ShouldBe("20150830T123600Z");
    }

    [Fact]
    public async Task Sdk_request_signing_of_a_secrets_manager_call_matches_the_reference_exactly()
    {
        var body = "{\"SecretId\":\"orchestrator/jwt-signing-key\",\"VersionStage\":\"AWSCURRENT\"}"u8.ToArray();
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = new Uri("https://example.amazonaws.com/"), Content = body };
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        request.Headers["X-Amz-Target"] = "secretsmanager.GetSecretValue";

        var result = await AWSSigV4Signer.SignAsync(request, Parameters());

        var bodyHash = Hex(SHA256.HashData(body));
        const string signedHeaders = "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target";
        var canonical = "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:example.amazonaws.com\n"
            + $"x-amz-content-sha256:{bodyHash}\nx-amz-date:20150830T123600Z\nx-amz-target:secretsmanager.GetSecretValue\n\n{signedHeaders}\n{bodyHash}";
        result.Headers["Authorization"].ShouldBe(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope}, SignedHeaders={signedHeaders}, Signature={ReferenceSignature(canonical)}");
    }

    [Fact]
    public async Task Another_secret_key_gives_another_signature()
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri("https://example.amazonaws.com/") };
        var parameters = Parameters();
        var genuine = (await AWSSigV4Signer.SignAsync(request, parameters)).Headers["Authorization"];
        parameters.Credentials = new BasicAWSCredentials(AccessKey, "another-secret-key");

        (await AWSSigV4Signer.SignAsync(request, parameters)).Headers["Authorization"].ShouldNotBe(genuine);
    }

    private static string PublishedAuthorization(string signature) =>
        $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope}, SignedHeaders=host;x-amz-date, Signature={signature}";

    private static AWSSigV4Parameters Parameters() => new()
    {
        Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
        Region = RegionEndpoint.USEast1,
        Service = "service",
        SignedAt = SignedAt,
    };

    /// <summary>SigV4 as the specification writes it: string to sign, then the HMAC chain date, region, service, request.</summary>
    private static string ReferenceSignature(string canonicalRequest)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n20150830T123600Z\n{Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in new[] { "20150830", "us-east-1", "service", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
