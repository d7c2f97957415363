namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>What <see cref="ScriptedAwsEndpoint"/> received: the operation, the signature and the body (and, for REST calls such as S3's, the method, path and S3's expected-owner header).</summary>
public sealed record RecordedAwsRequest(string? Target, string? Authorization, string Body, string Method = "", string Path = "", string? ExpectedBucketOwner = null);
