using System.Text.Json;
using Orchestrator.Application.Guardrails;

namespace Orchestrator.UnitTests.Application.Guardrails;

public sealed class GuardrailRuleCompilerTests
{
    [Theory]
    [InlineData("""{"type":"strng"}""")]
    [InlineData("""{"minLength":-1}""")]
    [InlineData("""{"required":"env"}""")]
    [InlineData("""{"$schema":"http://json-schema.org/draft-07/schema#"}""")]
    [InlineData("""{"$ref":"https://example.com/elsewhere.json"}""")]
    [InlineData("""{"properties":{"tags":{"$ref":"other.json#/x"}}}""")]
    [InlineData("""{"$dynamicRef":"https://example.com/x"}""")]
    [InlineData("""{"$ref":"#/$defs/missing"}""")]
    [InlineData("""{"pattern":"("}""")]
    [InlineData("""{"properties":{"name":{"pattern":"[a-"}}}""")]
    [InlineData("""{"patternProperties":{"(":true}}""")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void A_schema_that_is_not_a_usable_2020_12_schema_is_refused_naming_the_rule(string schema)
    {
        var compilation = GuardrailRuleCompiler.Compile([Rule("bad-rule", schema)]);

        compilation.Succeeded.ShouldBeFalse(schema);
        var error = compilation.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("rules[bad-rule].schema");
        error.Value.ShouldAllBe(message => message.Contains("'bad-rule'"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("{}")]
    [InlineData("""{"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"region":{"pattern":"^eu-"}}}""")]
    [InlineData("""{"$defs":{"env":{"enum":["dev","prod"]}},"properties":{"tags":{"properties":{"env":{"$ref":"#/$defs/env"}}}}}""")]
    [InlineData("""{"if":{"properties":{"type":{"const":"rds"}}},"then":{"properties":{"region":{"pattern":"^eu-"}}}}""")]
    public void A_valid_schema_compiles(string schema)
    {
        var compilation = GuardrailRuleCompiler.Compile([Rule("good-rule", schema)]);

        compilation.Errors.ShouldBeEmpty();
        compilation.Rules.ShouldHaveSingleItem().Id.ShouldBe("good-rule");
    }

    [Fact]
    public void Two_documents_may_use_the_same_id_inside_their_schemas()
    {
        const string schema = """{"$id":"https://rules.example/env","properties":{"tags":{"required":["env"]}}}""";

        GuardrailRuleCompiler.Compile([Rule("first", schema)]).Succeeded.ShouldBeTrue();
        GuardrailRuleCompiler.Compile([Rule("first", schema), Rule("second", schema)]).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void A_schema_over_the_size_or_depth_bound_is_refused()
    {
        var big = $$"""{"enum":[{{string.Join(",", Enumerable.Range(0, 3000).Select(i => $"\"value{i}\""))}}]}""";
        var deep = string.Concat(Enumerable.Repeat("""{"not":""", GuardrailDocumentLimits.MaxSchemaDepth + 1)) + "true" + new string('}', GuardrailDocumentLimits.MaxSchemaDepth + 1);

        GuardrailRuleCompiler.Compile([Rule("big", big)]).Errors.Keys.ShouldBe(["rules[big].schema"]);
        GuardrailRuleCompiler.Compile([Rule("deep", deep)]).Errors.Keys.ShouldBe(["rules[deep].schema"]);
    }

    private static GuardrailRuleDto Rule(string id, string schema) => new()
    {
        Id = id,
        Description = "A rule.",
        Effect = "deny",
        Schema = JsonDocument.Parse(schema).RootElement.Clone(),
    };
}
