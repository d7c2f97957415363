namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>The moto_server that test.sh starts (Secrets Manager emulator). Tests that need it fail without it.</summary>
public static class MotoServer
{
    public const string Variable = "ORCHESTRATOR_TEST_MOTO_URL";

    public static string Url =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests through ./test.sh, which starts moto_server (pip install 'moto[server]').");
}
