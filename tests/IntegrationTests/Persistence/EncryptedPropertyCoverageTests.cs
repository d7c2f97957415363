using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The service's encrypted columns are exactly the ones known to be written only through <c>SaveChanges</c>, and its
/// context runs the interceptors that encrypt and open them. A new <c>.IsEncrypted()</c> property fails here until it
/// is added to the list, after checking that no <c>ExecuteUpdate</c> or SQL writes its column.
/// </summary>
public sealed class EncryptedPropertyCoverageTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    private static readonly string[] KnownEncryptedColumns = ["User.PendingTotpSecret", "User.TotpSecret", "WebhookSubscription.Secret"];

    [Fact]
    public void The_model_encrypts_exactly_the_known_columns()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var encrypted = db.Model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties())
            .Where(p => p.FindAnnotation(FieldEncryptionExtensions.EncryptedAnnotation)?.Value is true)
            .Select(p => $"{p.DeclaringType.ClrType.Name}.{p.Name}")
            .Order(StringComparer.Ordinal);

        encrypted.ShouldBe(KnownEncryptedColumns);
    }

    [Fact]
    public void The_context_runs_the_encrypting_and_decrypting_interceptors_and_no_converter_on_those_columns()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!;
        interceptors.ShouldContain(EncryptingSaveChangesInterceptor.Instance);
        interceptors.ShouldContain(DecryptingMaterializationInterceptor.Instance);
        db.Model.FindEntityType(typeof(Orchestrator.Domain.Users.User))!.FindProperty("TotpSecret")!.GetValueConverter()
            .ShouldBeNull("a converter cannot see the row, and would encrypt a second time");
    }

    [Fact]
    public async Task An_ExecuteUpdate_that_sets_an_encrypted_column_or_a_projection_of_one_is_refused_before_it_runs()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var nobody = Guid.NewGuid();

        (await Should.ThrowAsync<InvalidOperationException>(() => db.Users.Where(u => u.Id == nobody)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.TotpSecret, "JBSWY3DPEHPK3PXP"))))
            .Message.ShouldContain("User.TotpSecret is encrypted at rest");
        await Should.ThrowAsync<InvalidOperationException>(() => db.Users.Where(u => u.Id == nobody)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PendingTotpSecret, u => u.TotpSecret)));
        await Should.ThrowAsync<InvalidOperationException>(() => db.Users.Select(u => u.TotpSecret).ToListAsync());

        // Everything else still runs: other columns set in bulk, and filters that only ask whether a secret is there.
        (await db.Users.Where(u => u.Id == nobody).ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedLoginCount, 0))).ShouldBe(0);
        (await db.Users.CountAsync(u => u.Id == nobody && u.TotpSecret != null)).ShouldBe(0);
        (await db.Users.Where(u => u.TotpSecret == null).Select(u => u.Username).ToListAsync()).ShouldContain("admin");
    }
}
