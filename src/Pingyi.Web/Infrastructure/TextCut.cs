namespace Pingyi.Web.Infrastructure;

/// <summary>Long texts are cut in lists (with an ellipsis, the whole text in the tooltip) and shown whole on the item's page.</summary>
public static class TextCut
{
    public static string Short(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
