using System.Globalization;

namespace Pingyi.Core.People;

/// <summary>
/// A citizen identity number of the People's Republic of China (GB 11643-1999): 17 digits,
/// of which 6 name the region and 8 the date of birth, and a check character (0-9 or X)
/// computed with ISO 7064 MOD 11-2.
/// </summary>
public readonly record struct ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private ResidentIdNumber(string value) => Value = value;

    public string Value { get; }

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Odd 17th digit: male, even: female.</summary>
    public bool IsMale => (Value[16] - '0') % 2 == 1;

    public override string ToString() => Value;

    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Parses an ID number; on failure <paramref name="error"/> says why, in Chinese.</summary>
    public static bool TryParse(string? text, out ResidentIdNumber id, out string error)
    {
        id = default;
        var value = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length != 18)
        {
            error = $"身份证号码应为18位，实际为{value.Length}位";
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                error = "身份证号码前17位应为数字";
                return false;
            }
        }
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            error = "身份证号码最后一位应为数字或X";
            return false;
        }
        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            error = $"身份证号码中的出生日期{value.Substring(6, 8)}无效";
            return false;
        }
        var expected = ComputeCheckCharacter(value.AsSpan(0, 17));
        if (expected != value[17])
        {
            error = "身份证号码校验位错误";
            return false;
        }
        id = new ResidentIdNumber(value);
        error = string.Empty;
        return true;
    }

    public static ResidentIdNumber Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Builds a valid number from region, birth date and a three-digit sequence.</summary>
    public static ResidentIdNumber Create(string region, DateOnly birthDate, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{birthDate:yyyyMMdd}{sequence:000}");
        return new ResidentIdNumber(first17 + ComputeCheckCharacter(first17));
    }
}
