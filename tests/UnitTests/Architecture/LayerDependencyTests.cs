using NetArchTest.Rules;

namespace Orchestrator.UnitTests.Architecture;

public class LayerDependencyTests
{
    [Fact]
    public void Domain_depends_on_no_other_layer_and_no_framework() =>
        Types.InAssembly(Layers.Domain)
            .ShouldNot().HaveDependencyOnAny(
                "Orchestrator.Application",
                "Orchestrator.Infrastructure",
                "Orchestrator.WebApi",
                "Microsoft.EntityFrameworkCore",
                "Microsoft.AspNetCore")
            .GetResult()
            .ShouldPass("Domain references nothing");

    [Fact]
    public void Domain_references_only_the_runtime()
    {
        var foreign = Layers.ReferencedAssemblyNames(Layers.Domain)
            .Where(name => name != "System" && !name.StartsWith("System.", StringComparison.Ordinal) && name is not ("netstandard" or "mscorlib"));

        foreign.ShouldBeEmpty();
    }

    [Fact]
    public void Application_depends_on_no_outer_layer_web_framework_database_provider_or_cloud_sdk() =>
        Types.InAssembly(Layers.Application)
            .ShouldNot().HaveDependencyOnAny(
                "Orchestrator.Infrastructure",
                "Orchestrator.WebApi",
                "Microsoft.AspNetCore",
                "Microsoft.EntityFrameworkCore.Sqlite",
                "Microsoft.EntityFrameworkCore.SqlServer",
                "Microsoft.Data.Sqlite",
                "Microsoft.Data.SqlClient",
                "Amazon",
                "StackExchange.Redis")
            .GetResult()
            .ShouldPass("Application has no ASP.NET, EF provider, AWS SDK or outer-layer dependency");

    /// <summary>Provider extension methods such as UseSqlite live in the Microsoft.EntityFrameworkCore namespace; the assembly reference gives them away.</summary>
    [Fact]
    public void Application_references_no_outer_layer_web_framework_database_provider_or_cloud_sdk_assembly()
    {
        string[] forbiddenPrefixes =
        [
            "Orchestrator.Infrastructure", "Orchestrator.WebApi", "Microsoft.AspNetCore",
            "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "AWSSDK", "StackExchange.Redis",
        ];

        var forbidden = Layers.ReferencedAssemblyNames(Layers.Application)
            .Where(name => forbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));

        forbidden.ShouldBeEmpty();
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_WebApi()
    {
        Types.InAssembly(Layers.Infrastructure)
            .ShouldNot().HaveDependencyOn("Orchestrator.WebApi")
            .GetResult()
            .ShouldPass("Infrastructure does not depend on WebApi");
        Layers.ReferencedAssemblyNames(Layers.Infrastructure).ShouldNotContain("Orchestrator.WebApi");
    }

    /// <summary>Proves the dependency rules above can fail: the same check sees the dependencies that must exist.</summary>
    [Fact]
    public void Dependency_check_sees_the_inward_dependencies()
    {
        Types.InAssembly(Layers.Infrastructure).That().HaveDependencyOn("Orchestrator.Application").GetTypes().ShouldNotBeEmpty();
        Types.InAssembly(Layers.Application).That().HaveDependencyOn("Orchestrator.Domain").GetTypes().ShouldNotBeEmpty();
        Types.InAssembly(Layers.WebApi).That().HaveDependencyOn("Microsoft.AspNetCore").GetTypes().ShouldNotBeEmpty();
    }
}
