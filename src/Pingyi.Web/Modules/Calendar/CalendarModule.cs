using Microsoft.AspNetCore.Http.HttpResults;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Calendar;

/// <summary>The work calendar: weekends, public holidays and the adjusted working days (调休), per year.</summary>
public sealed class CalendarModule : PingyiModule
{
    public override void Add(IHostApplicationBuilder builder) => builder.Services.AddScoped<WorkCalendars>().AddScoped<LoadCalendarYearHandler>();

    public override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar").WithTags("Calendar").WithRefusals().RequireAuthorization();
        api.MapGet("/{year:int}", async (WorkCalendars calendars, int year, CancellationToken ct) =>
        {
            var calendar = await calendars.CurrentAsync(ct);
            var schedule = calendar.For(year);
            return TypedResults.Ok(new CalendarYearView(year, schedule.Official, [.. schedule.DaysOff.Order()], [.. schedule.WorkedWeekendDays.Order()]));
        }).WithSummary("A year's days off and weekend days worked; official is false while only the statutory holidays are known");
        api.MapPut("/{year:int}", async Task<NoContent> (LoadCalendarYearHandler handler, int year, LoadCalendarYear request, CancellationToken ct) =>
        {
            await handler.HandleAsync(request with { Year = year }, ct);
            return TypedResults.NoContent();
        }).WithSummary("Load a year's official schedule: days off and weekend days worked, one date or range (a~b) a line");
    }
}

/// <summary>A year of the work calendar; official is false while only the statutory holidays are known.</summary>
public sealed record CalendarYearView(int Year, bool Official, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> WorkedWeekendDays);
