using System.Net;
using Microsoft.Data.Sqlite;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The data directory is 0700 and everything the service keeps in it 0600 on every start, not only when
/// the start created them: a directory restored, copied or left by an older version at looser modes is
/// tightened before anything is read from it (Unix).
/// </summary>
public sealed class DataDirectoryModeTests
{
    private const UnixFileMode Loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode LooseFolder = Loose | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_restart_on_a_directory_with_looser_modes_makes_it_0700_and_its_files_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string directory;
        using (var first = new OrchestratorApiFactory())
        {
            first.DeletesDataDirectoryOnDispose(false);
            using var admin = await first.CreateAdminClientAsync();
            directory = first.DataDirectory;
        }

        SqliteConnection.ClearAllPools();
        var database = Path.Combine(directory, "orchestrator.db");
        var sidecars = new[] { database + "-wal", database + "-shm" };
        foreach (var sidecar in sidecars.Where(s => !File.Exists(s)))
        {
            await File.WriteAllBytesAsync(sidecar, []);
        }

        var secretFiles = Directory.GetFiles(Path.Combine(directory, "secrets"));
        secretFiles.ShouldNotBeEmpty();
        var files = new[] { database }.Concat(sidecars).Concat(secretFiles).ToList();
        foreach (var file in files)
        {
            File.SetUnixFileMode(file, Loose);
        }

        File.SetUnixFileMode(directory, LooseFolder);
        File.SetUnixFileMode(Path.Combine(directory, "secrets"), LooseFolder);

        using var second = OrchestratorApiFactory.OnDataDirectory(directory);
        using (var admin = await second.CreateAdminClientAsync())
        using (var me = await admin.GetAsync("/api/v1/me"))
        {
            me.StatusCode.ShouldBe(HttpStatusCode.OK, "the restarted host works on the same data");
        }

        File.GetUnixFileMode(directory).ShouldBe(OwnerOnlyFolder);
        File.GetUnixFileMode(Path.Combine(directory, "secrets")).ShouldBe(OwnerOnlyFolder);
        foreach (var file in files.Where(File.Exists))
        {
            File.GetUnixFileMode(file).ShouldBe(OwnerOnlyFile, file);
        }
    }

    [Fact]
    public async Task A_first_start_in_an_existing_empty_directory_creates_the_database_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory, LooseFolder);
        File.SetUnixFileMode(directory, LooseFolder);

        using var factory = OrchestratorApiFactory.OnDataDirectory(directory);
        using (var admin = await factory.CreateAdminClientAsync())
        using (var created = await admin.CreateResourceAsync(new { name = "modes01", type = "s3", region = "us-east-1" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        File.GetUnixFileMode(directory).ShouldBe(OwnerOnlyFolder);
        foreach (var file in Directory.GetFiles(directory, "orchestrator.db*"))
        {
            File.GetUnixFileMode(file).ShouldBe(OwnerOnlyFile, file);
        }
    }
}
