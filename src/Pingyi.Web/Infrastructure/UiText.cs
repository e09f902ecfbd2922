using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Localization;

[assembly: RootNamespace("Pingyi.Web")]

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The resource of the user interface's text, for <see cref="IStringLocalizer{UiText}"/>. Pages are written
/// in Chinese (the default culture) and the Chinese text is the key: views write <c>@T["组织"]</c> (injected
/// in <c>_ViewImports.cshtml</c>) and page models take an <c>IStringLocalizer&lt;UiText&gt;</c>.
/// <c>UiText.en.resx</c> holds the English shown when the user switches language; a test fails when a page
/// uses a key that has no English entry.
/// </summary>
public sealed class UiText
{
    private UiText()
    {
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

public static class UiTextExtensions
{
    /// <summary>The given keys and their text in the request's language, as a JSON object for a page's script.</summary>
    public static string LabelsJson(this IStringLocalizer<UiText> localizer, IEnumerable<string> keys) =>
        System.Text.Json.JsonSerializer.Serialize(keys.ToDictionary(k => k, k => localizer[k].Value));
}
