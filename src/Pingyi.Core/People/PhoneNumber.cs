namespace Pingyi.Core.People;

public static class PhoneNumber
{
    /// <summary>A mainland mobile number (11 digits starting 1[3-9]) or a landline with area code.</summary>
    public static bool TryNormalize(string? text, out string normalized, out string error)
    {
        normalized = string.Empty;
        var value = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (value.StartsWith("+86", StringComparison.Ordinal))
        {
            value = value[3..];
        }
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            error = "电话号码只能包含数字";
            return false;
        }
        var mobile = value.Length == 11 && value[0] == '1' && value[1] >= '3';
        var landline = value[0] == '0' && value.Length is >= 10 and <= 12;
        if (!mobile && !landline)
        {
            error = "电话号码应为11位手机号码或带区号的固定电话";
            return false;
        }
        normalized = value;
        error = string.Empty;
        return true;
    }
}
