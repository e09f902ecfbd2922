namespace Pingyi.Core.Venues;

/// <summary>The "five centres" of a village's activity venue (seed 004: 办公议事、党员群众活动、教育培训、便民服务、文化娱乐).</summary>
[Flags]
public enum VenueCentres
{
    None = 0,
    Office = 1,
    Activity = 2,
    Education = 4,
    Service = 8,
    Culture = 16,
    All = Office | Activity | Education | Service | Culture,
}

/// <summary>
/// The standard of a village's (community's) activity venue (阵地): seed 001's floor of 90 m² and 10,000 yuan of operating funds a
/// year, and seed 004's five centres. A venue meets it when nothing falls short; each shortfall is named with the figure it lacks.
/// </summary>
public sealed record VenueStandard(decimal MinArea = 90m, decimal MinFunds = 10_000m)
{
    public static readonly VenueStandard Default = new();

    public static readonly IReadOnlyList<(VenueCentres Centre, string Name)> CentreNames =
    [
        (VenueCentres.Office, "办公议事"), (VenueCentres.Activity, "党员群众活动"), (VenueCentres.Education, "教育培训"), (VenueCentres.Service, "便民服务"), (VenueCentres.Culture, "文化娱乐"),
    ];

    public IReadOnlyList<string> Shortfalls(decimal area, decimal funds, VenueCentres centres)
    {
        var shortfalls = new List<string>();
        if (area < MinArea)
        {
            shortfalls.Add($"面积 {N(area)} 平方米，不足 {N(MinArea)} 平方米");
        }
        if (funds < MinFunds)
        {
            shortfalls.Add($"运转经费 {N(funds)} 元，不足 {N(MinFunds)} 元");
        }
        var missing = CentreNames.Where(c => !centres.HasFlag(c.Centre)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            shortfalls.Add($"缺少{string.Join("、", missing)}中心");
        }
        return shortfalls;
    }

    private static string N(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public bool Meets(decimal area, decimal funds, VenueCentres centres) => area >= MinArea && funds >= MinFunds && (centres & VenueCentres.All) == VenueCentres.All;
}
