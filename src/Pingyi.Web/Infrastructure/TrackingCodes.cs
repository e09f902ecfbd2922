using System.Security.Cryptography;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The 10-character codes a petitioner or a resident follows a case with, without an account: drawn from 31 letters and digits that
/// cannot be misread (no 0/O, 1/I/L), shown once, kept only as a keyed hash (<see cref="PiiProtector.LookupHash"/>) per kind of case.
/// </summary>
public static class TrackingCodes
{
    public const int Length = 10;

    /// <summary>The header the APIs read a tracking code from (never the URL, which is logged).</summary>
    public const string Header = "X-Tracking-Code";
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The keyed hash of a code of a kind ("petition", "request").</summary>
    public static string Hash(PiiProtector pii, string kind, string code) => pii.LookupHash(kind + ":" + code);

    /// <summary>The code as typed, without spaces or dashes and in capitals; refused when it cannot be one.</summary>
    public static string Clean(string? typed)
    {
        var cleaned = new string((typed ?? string.Empty).Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return cleaned.Length == Length ? cleaned : throw RuleViolation.Invalid($"查询码是 {Length} 位字母和数字", "code");
    }
}
