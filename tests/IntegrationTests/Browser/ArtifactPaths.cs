namespace Orchestrator.IntegrationTests.Browser;

/// <summary>Where tests keep files for people to look at: <c>artifacts/</c> at the repository root (git-ignored).</summary>
public static class ArtifactPaths
{
    public static string For(string relativePath)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? AppContext.BaseDirectory;
        var path = Path.Combine(root, "artifacts", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
