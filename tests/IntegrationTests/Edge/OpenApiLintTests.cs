using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.IntegrationTests.Browser;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>
/// The document the running API serves passes Spectral's OAS and OWASP API rulesets (<c>.spectral.yaml</c>) with no
/// error. <c>./test.sh</c> installs Spectral and names it in <see cref="SpectralVariable"/>.
/// </summary>
public sealed class OpenApiLintTests(OrchestratorApiFactory factory, ITestOutputHelper output) : IClassFixture<OrchestratorApiFactory>
{
    public const string SpectralVariable = "ORCHESTRATOR_SPECTRAL";
    public const string Marker = "[spectral]";

    [Fact]
    public async Task Served_document_has_no_spectral_error()
    {
        var spectral = Environment.GetEnvironmentVariable(SpectralVariable);
        if (string.IsNullOrEmpty(spectral) || !File.Exists(spectral))
        {
            Assert.Fail($"{SpectralVariable} must name the spectral binary (./test.sh installs it into tools/spectral and sets it); it is '{spectral}'.");
        }

        var documentPath = ArtifactPaths.For("openapi/openapi.json");
        var reportPath = ArtifactPaths.For("openapi/spectral.json");
        using (var client = factory.CreateClient())
        {
            await File.WriteAllTextAsync(documentPath, await client.GetStringAsync("/swagger/v1/swagger.json"));
        }

        var rulesetPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(documentPath)!, "..", "..", ".spectral.yaml"));
        var findings = await LintAsync(spectral!, documentPath, rulesetPath, reportPath);

        var errors = findings.Where(f => f.Severity == 0).ToList();
        var warnings = findings.Count(f => f.Severity == 1);
        output.WriteLine($"{Marker} {errors.Count} errors, {warnings} warnings");
        output.WriteLine($"document: {documentPath}; findings: {reportPath}");
        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"{e.Code} at {e.Path}: {e.Message}")));
    }

    private static async Task<List<Finding>> LintAsync(string spectral, string documentPath, string rulesetPath, string reportPath)
    {
        File.Delete(reportPath);
        var start = new ProcessStartInfo(spectral)
        {
            ArgumentList = { "lint", documentPath, "--ruleset", rulesetPath, "--format", "json", "--output", reportPath, "--quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The ruleset extends an npm package, which Spectral resolves like Node does: from the folder it is installed in.
        start.Environment["NODE_PATH"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(spectral)!, ".."));
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Exists(reportPath).ShouldBeTrue($"spectral wrote no report (exit {process.ExitCode}): {await stderr}");

        return (JsonNode.Parse(await File.ReadAllTextAsync(reportPath)) as JsonArray ?? [])
            .Select(f => new Finding(
                f!["code"]!.GetValue<string>(),
                f["severity"]!.GetValue<int>(),
                string.Join('/', f["path"]!.AsArray().Select(p => p!.ToString())),
                f["message"]!.GetValue<string>()))
            .ToList();
    }

    private sealed record Finding(string Code, int Severity, string Path, string Message);
}
