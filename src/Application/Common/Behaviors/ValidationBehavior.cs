using FluentValidation;
using Mediator;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Application.Common.Validation;

namespace Orchestrator.Application.Common.Behaviors;

/// <summary>Runs every FluentValidation validator of the request; any failure is a 400 keyed by JSON field name.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? [.. validators];

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        OrchestratorTelemetry.Step("validation");
        if (_validators.Length == 0)
        {
            return await next(message, cancellationToken);
        }

        var context = new ValidationContext<TMessage>(message);
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(context, cancellationToken);
            if (!result.IsValid)
            {
                // Only a refused request pays for the list of failures.
                (failures ??= []).AddRange(result.Errors);
            }
        }

        if (failures is not null)
        {
            var errors = failures
                .GroupBy(failure => JsonFieldNames.FromPropertyPath(failure.PropertyName))
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
            throw new RequestValidationException(errors);
        }

        return await next(message, cancellationToken);
    }
}
