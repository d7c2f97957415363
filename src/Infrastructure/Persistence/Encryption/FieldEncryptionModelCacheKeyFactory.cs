using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// EF caches a built model per context type, process-wide. The encrypting converter holds the encryptor, so two
/// hosts in one process (tests, say) must not share a model: the encryptor is part of the cache key.
/// </summary>
public sealed class FieldEncryptionModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as IFieldEncryptingContext)?.FieldEncryptor, designTime);
}
