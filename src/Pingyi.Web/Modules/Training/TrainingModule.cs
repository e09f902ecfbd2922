using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Training;

/// <summary>Training (轮训): courses and study activities, attendance from sign-in sheets, coverage against the target, a person's hours.</summary>
public sealed class TrainingModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrainingQueries>();
        builder.Services.Configure<TrainingTargets>(builder.Configuration.GetSection("Training:Targets"));
        builder.Services.AddScoped<CreateCourseHandler>();
        builder.Services.AddScoped<AttendanceImport>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapTrainingApi();
}
