using System.Net;
using Microsoft.Extensions.Options;

namespace Pingyi.Web.Infrastructure;

/// <summary>Settings of the platform as a whole (section "Platform").</summary>
public sealed class PlatformOptions
{
    /// <summary>
    /// The address phones and the public reach the platform at, e.g. https://pingyi.qingshan.gov.cn or
    /// http://192.168.1.20:5000 on a meeting room's network; every link that leaves the platform starts with it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>How the public address is set: the code sheet warns in red unless it is <see cref="Reachable"/>.</summary>
public enum PublicAddressState
{
    Reachable,
    Unset,
    Loopback,
}

/// <summary>
/// Links that leave the platform — QR codes on code sheets, public board links — start with
/// <c>Platform:PublicBaseUrl</c>, never with the address the clerk's browser happened to use (on the server itself that
/// is 127.0.0.1, which no phone can open). Unset, the request's own address is used and the pages say so.
/// </summary>
public sealed class PublicLinks(IOptions<PlatformOptions> options, IHttpContextAccessor http)
{
    public Uri? Configured { get; } = Parse(options.Value.PublicBaseUrl);

    /// <summary>The base address links are made with: the configured one, else this request's.</summary>
    public Uri Base => Configured ?? (http.HttpContext?.Request is { } r ? new Uri($"{r.Scheme}://{r.Host}/") : new Uri("http://localhost/"));

    public PublicAddressState State => Configured is null ? PublicAddressState.Unset : IsLoopback(Configured) ? PublicAddressState.Loopback : PublicAddressState.Reachable;

    /// <summary>An absolute link to <paramref name="path"/> (with its query and fragment) under the public address.</summary>
    public string To(string path) => new Uri(Base, path.TrimStart('/')).ToString();

    /// <summary>The setting as written, checked: an absolute http(s) address without query or fragment; a trailing slash added.</summary>
    public static Uri? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"Platform:PublicBaseUrl “{value}” is not an http(s) address such as https://pingyi.example.gov.cn (公开访问地址格式不正确)");
        }
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
}
