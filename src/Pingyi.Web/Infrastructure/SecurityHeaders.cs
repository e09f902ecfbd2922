namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The headers every answer carries (OWASP secure headers): a Content-Security-Policy with no inline script (pages declare
/// behaviour with data- attributes that <c>forms.js</c> reads), no framing, no MIME sniffing, referrers only to this site in
/// full. HSTS is added by <c>UseHsts</c> on HTTPS requests outside development (behind TLS).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Scripts and connections from this site only; styles may be inline (attributes); images also as data: (QR codes) and blob: (charts).</summary>
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference for IT staff (Scalar, at /api/v1) starts itself with an inline script: that page alone allows one.</summary>
    private const string ReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = context.Request.Path.Value?.TrimEnd('/') is "/api" or "/api/v1" ? ReferencePolicy : Policy;
        return next(context);
    });
}
