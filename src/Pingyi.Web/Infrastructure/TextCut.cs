using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Pingyi.Web.Infrastructure;

/// <summary>Long texts are cut in lists (with an ellipsis, the whole text in the tooltip) and shown whole on the item's page.</summary>
public static class TextCut
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Short(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : text[..length].TrimEnd() + "…";

    /// <summary>
    /// For a list whose items have no page of their own (a task's requirements, a visit's findings): the text cut, and
    /// "展开" to read it whole in place. A short text is shown as it is.
    /// </summary>
    public static IHtmlContent Expandable(string? text, int length, string expand)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= length)
        {
            return new HtmlString(Encoder.Encode(text ?? string.Empty));
        }
        return new HtmlString($"<details class=\"py-cut\"><summary><span class=\"py-cut-short\">{Encoder.Encode(Short(text, length))}</span> " +
            $"<span class=\"link-primary small\">{Encoder.Encode(expand)}</span></summary><div class=\"py-cut-whole\">{Encoder.Encode(text)}</div></details>");
    }
}
