using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// Opens the encrypted properties of every entity a query loads, with the binding of its entity, column and row. A
/// value that does not open for its row (moved from another row or column, altered, or under a lost key) is logged and
/// loads as absent (null), so the request treats it as a missing credential instead of failing; a value in an older
/// format loads, and is rewritten in the current one with the entity's next save (<see cref="PendingRewrites"/>).
/// </summary>
/// <remarks>One stateless instance for the process: EF builds its internal services per set of singleton interceptors.</remarks>
public sealed partial class DecryptingMaterializationInterceptor : IMaterializationInterceptor
{
    private DecryptingMaterializationInterceptor()
    {
    }

    public static DecryptingMaterializationInterceptor Instance { get; } = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var entityType = materializationData.EntityType;
        var properties = EncryptedProperties.Of(entityType);
        if (properties.Count == 0)
        {
            return entity;
        }

        var context = materializationData.Context;
        var encryptor = EncryptedProperties.Encryptor(context);
        var row = EncryptedProperties.Row(entityType, materializationData.GetPropertyValue);
        foreach (var property in properties)
        {
            if (materializationData.GetPropertyValue<string?>(property) is not { } stored)
            {
                continue;
            }

            var binding = EncryptedProperties.Binding(property);
            string? plaintext;
            try
            {
                plaintext = encryptor.Decrypt(stored, binding, row);
                if (!encryptor.IsRowBound(stored))
                {
                    PendingRewrites.Add(entity, property.Name);
                }
            }
            catch (EncryptedValueException e)
            {
                LogUnreadable(Logger(context), e, binding, row);
                plaintext = null;
                PendingRewrites.Add(entity, property.Name);
            }

            EncryptedProperties.SetClrValue(property, entity, plaintext);
        }

        return entity;
    }

    private static ILogger Logger(DbContext context) =>
        context.GetService<ILoggerFactory>().CreateLogger<DecryptingMaterializationInterceptor>();

    [LoggerMessage(EventId = 2301, EventName = "EncryptedValueUnreadable", Level = LogLevel.Warning,
        Message = "field-encryption.unreadable: the stored {Binding} of row {Row} does not open for that row (moved from another row or column, altered, or under a key the ring lacks); it reads as absent")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string binding, string row);
}
