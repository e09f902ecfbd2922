using System.Text.Json;
using System.Text.Json.Serialization;
using Pingyi.Core.Evaluation;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>How scheme rules are stored: camelCase JSON, Chinese as text.</summary>
public static class RulesJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new CamelCaseEnumConverter<Grade>(), new CamelCaseEnumConverter<BallotParts>(), new JsonStringEnumConverter() },
    };

    public static string Write(SchemeRules rules) => JsonSerializer.Serialize(rules, Options);

    public static SchemeRules Read(string json) => JsonSerializer.Deserialize<SchemeRules>(json, Options)
        ?? throw new InvalidOperationException("Empty scheme rules.");
}
