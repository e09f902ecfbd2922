using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The headers every answer carries (OWASP secure headers): a Content-Security-Policy with no inline script (pages declare
/// behaviour with data- attributes that <c>forms.js</c> reads), no framing, no MIME sniffing, referrers only to this site in
/// full. HSTS is added by <c>UseHsts</c> on HTTPS requests outside development (behind TLS). Browsers report what the policy
/// blocked to <see cref="ReportsPath"/>, which logs it without the page's query string and counts it by directive.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Scripts and connections from this site only; styles may be inline (attributes); images also as data: (QR codes) and blob: (charts).</summary>
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; " + Reporting;

    public const string ReportsPath = "/api/v1/csp-reports";

    /// <summary>Both ways browsers report: report-uri (Firefox, older Chromium) and the Reporting API's report-to (Chromium).</summary>
    private const string Reporting = "report-uri " + ReportsPath + "; report-to csp";

    /// <summary>The API reference for IT staff (Scalar, at /api/v1) starts itself with an inline script: that page alone allows one.</summary>
    private const string ReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; " + Reporting;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Reporting-Endpoints"] = $"csp=\"{ReportsPath}\"";
        headers.ContentSecurityPolicy = context.Request.Path.Value?.TrimEnd('/') is "/api" or "/api/v1" ? ReferencePolicy : Policy;
        return next(context);
    });

    public static readonly Meter Meter = new("Pingyi.Security");

    private static readonly Counter<long> Violations = Meter.CreateCounter<long>("pingyi.csp.violations", "{report}",
        "Content-Security-Policy violations reported by browsers, by directive");

    /// <summary>
    /// Where browsers send what the policy blocked: <c>application/csp-report</c> (<c>{"csp-report": {…}}</c>) or the Reporting
    /// API's <c>application/reports+json</c> (<c>[{"type": "csp-violation", "body": {…}}]</c>). At most 64 KB; anonymous and
    /// limited like every public write. Logged as a warning with the directive, the page's path (never its query string: a
    /// search may hold an ID number), the blocked resource's origin and the script's place; anything else is refused with 400.
    /// </summary>
    public static IEndpointRouteBuilder MapCspReports(this IEndpointRouteBuilder app)
    {
        app.MapPost(ReportsPath, async (HttpRequest request, ILoggerFactory loggers, CancellationToken ct) =>
        {
            if (request.ContentLength > 64 * 1024)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "报告过大", detail: "违规报告不得超过 64 KB");
            }
            List<JsonElement> reports;
            try
            {
                using var document = await JsonDocument.ParseAsync(new LimitedStream(request.Body, 64 * 1024), cancellationToken: ct);
                reports = document.RootElement switch
                {
                    { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("csp-report", out var one) && one.ValueKind == JsonValueKind.Object => [one.Clone()],
                    { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("body", out var b)
                        && b.ValueKind == JsonValueKind.Object).Select(r => r.GetProperty("body").Clone())],
                    _ => [],
                };
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                reports = [];
            }
            if (reports.Count == 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请求无效", detail: "不是内容安全策略的违规报告");
            }
            var logger = loggers.CreateLogger("Pingyi.Web.ContentSecurityPolicy");
            foreach (var report in reports.Take(20))
            {
                var directive = Text(report, "effective-directive", "effectiveDirective", "violated-directive");
                Violations.Add(1, new KeyValuePair<string, object?>("directive", directive));
                logger.LogWarning("Content-Security-Policy blocked {Directive} on {Page}: {Blocked} (from {Source}:{Line})", directive,
                    PathOnly(Text(report, "document-uri", "documentURL")), Origin(Text(report, "blocked-uri", "blockedURL")),
                    PathOnly(Text(report, "source-file", "sourceFile")), Text(report, "line-number", "lineNumber"));
            }
            return Results.NoContent();
        }).AllowAnonymous().DisableAntiforgery().WithTags("Platform")
            .WithSummary("Content-Security-Policy violation reports from browsers (application/csp-report or application/reports+json); no login");
        return app;
    }

    private static string Text(JsonElement report, params string[] names)
    {
        foreach (var name in names)
        {
            if (report.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                var text = value.ToString();
                return text.Length > 200 ? text[..200] : text;
            }
        }
        return "-";
    }

    /// <summary>A URL's path alone (no query, no fragment, no host): what page or script, not what was searched for.</summary>
    private static string PathOnly(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url.Split('?', '#')[0];

    /// <summary>A blocked resource by its origin ("inline", "eval" and the like as browsers name them).</summary>
    private static string Origin(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.GetLeftPart(UriPartial.Authority) : url.Split('?', '#')[0];

    /// <summary>A request body read to at most <c>limit</c> bytes; more fails as invalid data (a chunked body has no length to check first).</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Count(await inner.ReadAsync(buffer, cancellationToken));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            return _read > limit ? throw new InvalidDataException("report too large") : n;
        }
    }
}
