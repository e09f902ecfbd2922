namespace Pingyi.Core.People;

/// <summary>How personal numbers are shown to people whose role does not need them in full.</summary>
public static class Masking
{
    /// <summary>430124********1234: region kept, birth date and sequence hidden.</summary>
    public static string IdNumber(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty
        : value.Length < 10 ? new string('*', value.Length)
        : string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4));

    /// <summary>138****5678.</summary>
    public static string Phone(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty
        : value.Length < 7 ? new string('*', value.Length)
        : string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4));
}
