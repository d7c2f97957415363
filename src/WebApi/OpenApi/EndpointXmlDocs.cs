using System.Reflection;
using System.Xml.XPath;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>The XML documentation of the endpoint classes, for what Swashbuckle does not read from it by itself.</summary>
public static class EndpointXmlDocs
{
    private static readonly Lazy<XPathNavigator?> Document = new(() =>
    {
        var file = Path.Combine(AppContext.BaseDirectory, $"{typeof(EndpointXmlDocs).Assembly.GetName().Name}.xml");
        return File.Exists(file) ? new XPathDocument(file).CreateNavigator() : null;
    });

    public static string? Summary(Type type) =>
        Text($"/doc/members/member[@name='{XmlCommentsNodeNameHelper.GetMemberNameForType(type)}']/summary");

    public static string? Parameter(MethodInfo method, string name) =>
        Text($"/doc/members/member[@name='{XmlCommentsNodeNameHelper.GetMemberNameForMethod(method)}']/param[@name='{name}']");

    private static string? Text(string path) =>
        Document.Value?.SelectSingleNode(path) is { } node ? XmlCommentsTextHelper.Humanize(node.InnerXml) : null;
}
