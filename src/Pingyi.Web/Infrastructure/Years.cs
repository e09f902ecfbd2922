namespace Pingyi.Web.Infrastructure;

/// <summary>The years the platform keeps records for: one rule for every module that takes a year.</summary>
public static class Years
{
    public const string Refusal = "年度须在 2000 到 2100 之间";

    public static bool Valid(int year) => year is >= 2000 and <= 2100;

    /// <summary>Refuses (422, beside <paramref name="field"/>) a year outside those kept.</summary>
    public static void Check(int year, string field = "year")
    {
        if (!Valid(year))
        {
            throw RuleViolation.Invalid(Refusal, field);
        }
    }
}
