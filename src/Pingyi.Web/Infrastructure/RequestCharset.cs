using System.Text;
using Microsoft.Net.Http.Headers;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The character set a request body declares. Chinese clients often send <c>charset=gbk</c> or <c>gb18030</c>: the code-page
/// encodings are registered so the JSON and form readers decode them; a charset no encoding answers to is refused with 415 and
/// a sentence, before any endpoint reads the body (the framework's JSON reader would otherwise fail with a 500).
/// </summary>
public static class RequestCharset
{
    /// <summary>Makes GBK, GB2312, GB18030 and Big5 known to <see cref="Encoding.GetEncoding(string)"/>; safe to call more than once.</summary>
    public static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The declared charset when no encoding answers to it; null when there is none or it is known.</summary>
    public static string? Unknown(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.Charset.HasValue)
        {
            return null;
        }
        var charset = media.Charset.Value!.Trim('"');
        try
        {
            // UTF-7 is refused by the framework's readers for safety; name it unknown here as well.
            return Encoding.GetEncoding(charset) is UTF7Encoding ? charset : null;
        }
        catch (ArgumentException)
        {
            return charset;
        }
    }

    public static IApplicationBuilder UseRequestCharset(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Unknown(context.Request.ContentType) is not { } charset)
        {
            await next(context);
            return;
        }
        var detail = $"不支持的字符集“{charset}”：请以 UTF-8（或 GBK、GB18030）编码发送。Unsupported charset '{charset}': send UTF-8, GBK or GB18030.";
        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 415, Title = "字符集不受支持", Detail = detail },
            });
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(detail, context.RequestAborted);
    });
}
