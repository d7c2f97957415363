using System.Collections;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// Refuses, when a query is compiled, any query that would move an encrypted column past the interceptors: an
/// <c>ExecuteUpdate</c> that sets or reads one (it would store plaintext, or a ciphertext bound to another row), or
/// a projection of one (it would return the ciphertext). Filters and orderings may name one (a null check is the
/// useful case); only whole entities carry its plaintext.
/// </summary>
/// <remarks>One stateless instance for the process: EF builds its internal services per set of singleton interceptors.</remarks>
public sealed class EncryptedColumnQueryGuard : IQueryExpressionInterceptor
{
    // Operators whose lambdas only decide which rows, or in which order: a value named there never leaves the database.
    private static readonly HashSet<string> RowChoosingOperators =
    [
        nameof(Queryable.Where), nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending), nameof(Queryable.ThenBy),
        nameof(Queryable.ThenByDescending), nameof(Queryable.Any), nameof(Queryable.All), nameof(Queryable.Count),
        nameof(Queryable.LongCount), nameof(Queryable.First), nameof(Queryable.FirstOrDefault), nameof(Queryable.Single),
        nameof(Queryable.SingleOrDefault), nameof(Queryable.Last), nameof(Queryable.LastOrDefault), nameof(Queryable.SkipWhile),
        nameof(Queryable.TakeWhile), "ExecuteDelete", "ExecuteDeleteAsync",
    ];

    private EncryptedColumnQueryGuard()
    {
    }

    public static EncryptedColumnQueryGuard Instance { get; } = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        var encrypted = eventData.Context?.Model.GetEntityTypes().SelectMany(EncryptedProperties.Of).ToList();
        if (encrypted is { Count: > 0 })
        {
            new Finder(encrypted).Visit(queryExpression);
        }

        return queryExpression;
    }

    private sealed class Finder(IReadOnlyList<IProperty> encrypted) : ExpressionVisitor
    {
        private bool _valueLeaves;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.IsStatic && node.Arguments.Count > 0 && typeof(IQueryable).IsAssignableFrom(node.Arguments[0].Type))
            {
                Visit(node.Arguments[0]);
                var outer = _valueLeaves;
                _valueLeaves = !RowChoosingOperators.Contains(node.Method.Name);
                foreach (var argument in node.Arguments.Skip(1))
                {
                    Visit(argument);
                }

                _valueLeaves = outer;
                return node;
            }

            if (_valueLeaves && node.Method is { Name: nameof(EF.Property), DeclaringType: var type } && type == typeof(EF)
                && node.Arguments[1] is ConstantExpression { Value: string name })
            {
                Refuse(node.Arguments[0].Type, name);
            }

            return base.VisitMethodCall(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (_valueLeaves && node.Expression is not null)
            {
                Refuse(node.Expression.Type, node.Member.Name);
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            // Whether an encrypted value is there at all is plain knowledge, not the value.
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual && (IsNull(node.Left) || IsNull(node.Right)))
            {
                var outer = _valueLeaves;
                _valueLeaves = false;
                base.VisitBinary(node);
                _valueLeaves = outer;
                return node;
            }

            return base.VisitBinary(node);
        }

        // ExecuteUpdate may carry its setters as a constant list of (property, value) pairs.
        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (_valueLeaves && node.Value is IEnumerable items and not string and not IQueryable)
            {
                foreach (var item in items)
                {
                    VisitCarried(item);
                }
            }

            return node;
        }

        private static bool IsNull(Expression expression) =>
            expression is ConstantExpression { Value: null } || (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert && IsNull(convert.Operand));

        private void VisitCarried(object? item)
        {
            if (item is Expression expression)
            {
                Visit(expression);
            }
            else if (item is ITuple tuple)
            {
                for (var i = 0; i < tuple.Length; i++)
                {
                    VisitCarried(tuple[i]);
                }
            }
        }

        private void Refuse(Type owner, string member)
        {
            var property = encrypted.FirstOrDefault(p => p.Name == member && p.DeclaringType.ClrType.IsAssignableFrom(owner));
            if (property is not null)
            {
                throw new InvalidOperationException(
                    $"{EncryptedProperties.Binding(property)} is encrypted at rest, bound to its row: it is written only by SaveChanges and read only as part of its entity, never set by ExecuteUpdate nor projected (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).");
            }
        }
    }
}
