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
    private static readonly string[] KnownEncryptedColumns = ["User.PendingTotpSecret", "User.TotpSecret"];

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
}
