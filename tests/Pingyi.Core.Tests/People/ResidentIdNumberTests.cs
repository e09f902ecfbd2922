using CsCheck;
using Pingyi.Core.People;

namespace Pingyi.Core.Tests.People;

public sealed class ResidentIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, false)]
    [InlineData("440524198001010013", 1980, 1, 1, true)]
    public void Parse_PublishedExamples_ReadsBirthDateAndSex(string text, int year, int month, int day, bool male)
    {
        var id = ResidentIdNumber.Parse(text);

        Assert.Equal(new DateOnly(year, month, day), id.BirthDate);
        Assert.Equal(male, id.IsMale);
    }

    [Theory]
    [InlineData("11010519491231002", "18位")]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("11010519491331002X", "出生日期")]
    [InlineData("1101051949123100AX", "前17位")]
    [InlineData("11010519491231002Y", "最后一位")]
    public void TryParse_Invalid_SaysWhy(string text, string reasonPart)
    {
        Assert.False(ResidentIdNumber.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Fact]
    public void TryParse_LowercaseX_IsAccepted() =>
        Assert.Equal("11010519491231002X", ResidentIdNumber.Parse(" 11010519491231002x ").Value);

    [Fact]
    public void Create_AlwaysProducesANumberThatParses_WithItsBirthDate() =>
        Gen.Select(Gen.Int[1900, 2020], Gen.Int[1, 365], Gen.Int[0, 999]).Sample((year, day, sequence) =>
        {
            var birth = new DateOnly(year, 1, 1).AddDays(day - 1);
            var id = ResidentIdNumber.Create("430124", birth, sequence);
            return ResidentIdNumber.TryParse(id.Value, out var parsed, out _) && parsed.BirthDate == birth;
        });

    [Fact]
    public void ChangingAnySingleDigit_BreaksTheChecksum() =>
        Gen.Select(Gen.Int[1950, 2000], Gen.Int[0, 999], Gen.Int[0, 16], Gen.Int[1, 9]).Sample((year, sequence, position, delta) =>
        {
            var id = ResidentIdNumber.Create("430124", new DateOnly(year, 6, 15), sequence).Value.ToCharArray();
            id[position] = (char)('0' + (id[position] - '0' + delta) % 10);
            var changed = new string(id);
            // A changed digit either breaks the date or the checksum; it never passes.
            return !ResidentIdNumber.TryParse(changed, out _, out _);
        });
}

public sealed class MaskingTests
{
    [Theory]
    [InlineData("430124198506121234", "430124********1234")]
    [InlineData("", "")]
    [InlineData("12345", "*****")]
    public void IdNumber_KeepsRegionAndLastFour(string value, string expected) => Assert.Equal(expected, Masking.IdNumber(value));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("037912345678", "037*****5678")]
    public void Phone_KeepsPrefixAndLastFour(string value, string expected) => Assert.Equal(expected, Masking.Phone(value));

    [Theory]
    [InlineData("138 1234 5678", true, "13812345678")]
    [InlineData("+8613812345678", true, "13812345678")]
    [InlineData("0379-12345678", true, "037912345678")]
    [InlineData("12345678901", false, "")]
    [InlineData("1381234567a", false, "")]
    public void PhoneNumber_Normalizes(string text, bool ok, string expected)
    {
        Assert.Equal(ok, PhoneNumber.TryNormalize(text, out var normalized, out _));
        Assert.Equal(expected, normalized);
    }
}
