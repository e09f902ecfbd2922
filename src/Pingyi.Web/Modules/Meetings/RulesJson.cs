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
    };

    static RulesJson() => UseContractEnums(Options.Converters);

    /// <summary>
    /// Grades and ballot parts are camelCase in every JSON the platform writes ("fairlyGood" — the
    /// ballots API's contract); a general enum converter in a list would otherwise take precedence
    /// over the types' own attribute, so these go first.
    /// </summary>
    public static void UseContractEnums(IList<JsonConverter> converters)
    {
        converters.Insert(0, new CamelCaseEnumConverter<BallotParts>());
        converters.Insert(0, new CamelCaseEnumConverter<Grade>());
        if (!converters.Any(c => c.GetType() == typeof(JsonStringEnumConverter)))
        {
            converters.Add(new JsonStringEnumConverter());
        }
    }

    public static string Write(SchemeRules rules) => JsonSerializer.Serialize(rules, Options);

    public static SchemeRules Read(string json) => JsonSerializer.Deserialize<SchemeRules>(json, Options)
        ?? throw new InvalidOperationException("Empty scheme rules.");
}
