using FluentValidation;
using Mediator;
using Orchestrator.Application.Resources.CreateResource;
using Orchestrator.Application.Users.GetCurrentUser;

namespace Orchestrator.UnitTests.Architecture;

/// <summary>Handlers and validators are implementation details of their feature: internal sealed.</summary>
public class HandlerAndValidatorConventionTests
{
    private static readonly IReadOnlyList<Type> Handlers = ApplicationTypes.Implementing(
        typeof(ICommandHandler<>), typeof(ICommandHandler<,>),
        typeof(IQueryHandler<,>),
        typeof(IRequestHandler<>), typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IStreamCommandHandler<,>), typeof(IStreamQueryHandler<,>), typeof(IStreamRequestHandler<,>));

    private static readonly IReadOnlyList<Type> Validators = ApplicationTypes.Implementing(typeof(IValidator<>));

    [Fact]
    public void Handlers_and_validators_are_found()
    {
        Handlers.ShouldContain(typeof(CreateResourceHandler));
        Handlers.ShouldContain(typeof(GetCurrentUserHandler));
        Validators.ShouldContain(typeof(CreateResourceValidator));
        Validators.ShouldContain(typeof(ResourceSpecValidator));
    }

    [Fact]
    public void Handlers_are_sealed_and_not_public() => ShouldBeInternalSealed(Handlers, "handler");

    [Fact]
    public void Validators_are_sealed_and_not_public() => ShouldBeInternalSealed(Validators, "validator");

    private static void ShouldBeInternalSealed(IReadOnlyList<Type> types, string kind)
    {
        var offenders = types
            .Where(type => !type.IsSealed || type.IsPublic || type.IsNestedPublic)
            .Select(type => type.FullName)
            .ToList();

        offenders.ShouldBeEmpty($"Every {kind} must be internal sealed; these are not: {string.Join(", ", offenders)}");
    }
}
