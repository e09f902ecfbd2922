using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Grading;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Grading;

/// <summary>
/// Grading of organizations (分类定级, 晋位升级): versioned schemes of the five standards, the year's inputs and vetoes,
/// grades with quotas published once a year, changes during the year, and conversion plans of lagging organizations as
/// ledger items. The calculation is Core <c>Grading</c>.
/// </summary>
public sealed class GradingModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<GradingAccess>();
        builder.Services.AddScoped<GradingCalculation>();
        builder.Services.AddScoped<GradingQueries>();
        builder.Services.AddScoped<SaveGradingSchemeHandler>();
        builder.Services.AddScoped<RecordGradingInputHandler>();
        builder.Services.AddScoped<RecordGradingVetoHandler>();
        builder.Services.AddScoped<PublishGradesHandler>();
        builder.Services.AddScoped<ChangeGradeHandler>();
        builder.Services.AddScoped<AddConversionMeasureHandler>();
        builder.Services.AddScoped<EvaluateMonthHandler>();
        builder.Services.AddScoped<Meetings.IMeetingPublication, MonthlyEvaluationPublication>();
        builder.Services.Configure<GradingOptions>(builder.Configuration.GetSection("Grading"));
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapGradingApi();

    /// <summary>Version 1: the five standards of seed 004 with the default rules.</summary>
    public static readonly SaveGradingScheme FirstVersion = new("“五好”基层党组织定级标准", "初始版本", new GradingRules());

    /// <summary>A database without a grading scheme gets version 1: the five standards of seed 004 with the default rules.</summary>
    public override async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var db = services.GetRequiredService<PingyiDbContext>();
        if (await db.GradingSchemes.AnyAsync())
        {
            return;
        }
        services.GetRequiredService<Scope>().UseWholeTree();
        await services.GetRequiredService<SaveGradingSchemeHandler>().AddVersionAsync(FirstVersion);
    }
}
