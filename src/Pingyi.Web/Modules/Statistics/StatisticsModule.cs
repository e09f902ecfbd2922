using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>
/// The statistics board (统计): the scope's numbers from every module's records, county → township → branch, each number the
/// count of a list that can be opened and exported (<see cref="StatisticsCatalog"/>); the big screen and the county map.
/// </summary>
public sealed class StatisticsModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<StatisticsCatalog>();
        builder.Services.AddScoped<StatisticsQueries>();
        builder.Services.AddScoped<StatisticsMap>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapStatisticsApi();
}
