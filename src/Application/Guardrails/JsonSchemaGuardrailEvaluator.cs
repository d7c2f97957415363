using Json.Schema;
using Microsoft.Extensions.Logging;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// Evaluates each applicable rule's JSON Schema (2020-12, JsonSchema.Net) against the subject. The answer carries
/// the rule's description only; which keyword failed where goes to the log, for the document's authors.
/// </summary>
internal sealed partial class JsonSchemaGuardrailEvaluator(ICurrentGuardrails current, ILogger<JsonSchemaGuardrailEvaluator> logger)
    : IGuardrailEvaluator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    public async ValueTask<GuardrailEvaluation> EvaluateAsync(GuardrailSubject subject, CancellationToken cancellationToken)
    {
        var document = await current.GetAsync(cancellationToken);
        var type = ResourceWireNames.Of(subject.Type);
        var applicable = document.Rules.Where(rule => rule.AppliesTo(subject.Requester.Role, type)).ToList();
        if (applicable.Count == 0)
        {
            return new GuardrailEvaluation(document.Version, []);
        }

        var instance = GuardrailSubjectJson.Write(subject);
        var results = new List<GuardrailRuleResult>(applicable.Count);
        foreach (var rule in applicable)
        {
            EvaluationResults evaluation;
            try
            {
                evaluation = rule.Schema.Evaluate(instance, Options);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fail closed: a rule that cannot be evaluated counts as broken rather than letting the request through.
                LogUnevaluable(exception, rule.Id, document.Version);
                results.Add(new GuardrailRuleResult(rule.Id, OutcomeOf(rule), rule.Description));
                continue;
            }

            if (evaluation.IsValid)
            {
                results.Add(new GuardrailRuleResult(rule.Id, GuardrailOutcome.Pass, rule.Description));
                continue;
            }

            LogBroken(rule.Id, document.Version, Describe(evaluation));
            results.Add(new GuardrailRuleResult(rule.Id, OutcomeOf(rule), rule.Description));
        }

        return new GuardrailEvaluation(document.Version, results);
    }

    private static GuardrailOutcome OutcomeOf(GuardrailRule rule) =>
        rule.Effect == GuardrailEffect.Deny ? GuardrailOutcome.Deny : GuardrailOutcome.Approval;

    private static string Describe(EvaluationResults evaluation) =>
        string.Join("; ", (evaluation.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} {error.Key}: {error.Value}"))
            .Take(20));

    [LoggerMessage(Level = LogLevel.Error, Message = "Guardrail rule {Rule} of document version {Version} could not be evaluated; counted as broken")]
    private partial void LogUnevaluable(Exception exception, string rule, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guardrail rule {Rule} of document version {Version} is broken: {Failures}")]
    private partial void LogBroken(string rule, long version, string failures);
}
