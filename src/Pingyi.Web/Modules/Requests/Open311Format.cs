using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Pingyi.Web.Modules.Requests;

/// <summary>A field of an Open311 element: a value, or a nested list whose items are named <see cref="ItemName"/> in XML.</summary>
public sealed record Open311Field(string Name, object? Value, string? ItemName = null);

/// <summary>
/// GeoReport v2's two formats from one description: XML (required; UTF-8 with its declaration, no namespace) and JSON by the Spark
/// convention (the root list an array of objects, nested lists arrays, empty values null); dates in ISO 8601 with the offset.
/// </summary>
public static class Open311Format
{
    public const string Xml = "xml";
    public const string Json = "json";

    public static bool Known(string? format) => format is Xml or Json;

    /// <summary>A list of items (services, service_requests, errors) in the root element.</summary>
    public static IResult List(string format, string root, string item, IEnumerable<IReadOnlyList<Open311Field>> items, int status = StatusCodes.Status200OK) =>
        format == Json
            ? Content(new JsonArray([.. items.Select(i => (JsonNode)Object(i))]).ToJsonString(), "application/json; charset=utf-8", status)
            : Content(Document(new XElement(root, items.Select(i => Element(item, i)))), "text/xml; charset=utf-8", status);

    /// <summary>One object as the root (service_definition, discovery).</summary>
    public static IResult Single(string format, string root, IReadOnlyList<Open311Field> fields) =>
        format == Json
            ? Content(Object(fields).ToJsonString(), "application/json; charset=utf-8", StatusCodes.Status200OK)
            : Content(Document(Element(root, fields)), "text/xml; charset=utf-8", StatusCodes.Status200OK);

    /// <summary>The standard's error list: each {code, description}; the HTTP status is the first error's.</summary>
    public static IResult Errors(string? format, IEnumerable<(int Code, string Description)> errors)
    {
        var list = errors.ToList();
        return List(format == Json ? Json : Xml, "errors", "error", list.Select(e => (IReadOnlyList<Open311Field>)[new("code", e.Code), new("description", e.Description)]), list[0].Code);
    }

    public static IResult Error(string? format, int code, string description) => Errors(format, [(code, description)]);

    public static string Time(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Infrastructure.ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static XElement Element(string name, IReadOnlyList<Open311Field> fields) => new(name, fields.Select(f => f.Value switch
    {
        IEnumerable<IReadOnlyList<Open311Field>> nested => new XElement(f.Name, nested.Select(n => Element(f.ItemName!, n))),
        IEnumerable<string> strings when f.Value is not string => new XElement(f.Name, strings.Select(s => new XElement(f.ItemName!, s))),
        null => new XElement(f.Name),
        _ => new XElement(f.Name, Text(f.Value)),
    }));

    private static JsonObject Object(IReadOnlyList<Open311Field> fields)
    {
        var o = new JsonObject();
        foreach (var f in fields)
        {
            o[f.Name] = f.Value switch
            {
                IEnumerable<IReadOnlyList<Open311Field>> nested => new JsonArray([.. nested.Select(n => (JsonNode)Object(n))]),
                IEnumerable<string> strings when f.Value is not string => new JsonArray([.. strings.Select(s => (JsonNode)JsonValue.Create(s)!)]),
                null => null,
                bool b => JsonValue.Create(b),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                _ => JsonValue.Create(Text(f.Value)),
            };
        }
        return o;
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTime t => Time(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Document(XElement root)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IResult Content(string body, string type, int status) => Results.Content(body, type, null, status);
}
