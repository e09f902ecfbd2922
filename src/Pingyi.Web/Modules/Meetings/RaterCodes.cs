using System.Security.Cryptography;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Meetings;

/// <summary>One-time rater codes: eight characters of an alphabet without look-alikes, shown as "ABCD-EFGH".</summary>
public static class RaterCodeText
{
    /// <summary>Digits and capitals without 0/O, 1/I/L: nothing to misread on a printed sheet or a receipt.</summary>
    internal const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>Upper case without separators, or null when it cannot be a code.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var cleaned = new string([.. text.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return cleaned.Length == 8 && cleaned.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? cleaned : null;
    }

    public static string Display(string code) => $"{code[..4]}-{code[4..]}";

    public static string Hash(PiiProtector keys, string normalizedCode) => keys.LookupHash("rater-code:" + normalizedCode);
}

/// <summary>Receipts: a short hash of the ballot's content and the rater's own submission id.</summary>
public static class Receipts
{
    private const string Alphabet = RaterCodeText.Alphabet;

    public static string Of(long meetingId, long reporterId, long groupId, string? grade, string? indicators, string? opinion, string submissionId)
    {
        var text = string.Join('\u001f', meetingId, reporterId, groupId, grade, indicators, opinion, submissionId);
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        var chars = new char[10];
        ulong bits = BitConverter.ToUInt64(hash, 0);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(bits % (ulong)Alphabet.Length)];
            bits /= (ulong)Alphabet.Length;
        }
        return new string(chars);
    }
}
