using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Meetings;

namespace Pingyi.Web.Modules.OpenAffairs;

public sealed record StartOpennessRating(long OrganizationId, int Year, DateOnly? HeldOn, int? Respondents);

public sealed record OpennessView(long Id, int Year, long OrganizationId, string Village, string Township, long MeetingId, DateOnly HeldOn, int ExpectedRespondents,
    bool Published, SatisfactionResult? Result);

/// <summary>
/// Starts a village's yearly openness rating (公开效果评议, seed 004): a survey meeting under <see cref="SchemeTemplates.OpennessSurvey"/>
/// (满意 / 基本满意 / 不满意 / 不了解 on the phone, codes from the meeting) with the village as its one reporter, so answers are as secret
/// as ballots (ADR 0018). Once a year per village; audited.
/// </summary>
public sealed class StartOpennessRatingHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, CreateSurveyMeetingHandler surveys)
{
    public async Task<OpennessRating> HandleAsync(StartOpennessRating request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.OpenAffairsKeepers, "公开效果评议由组织部门、乡镇党委或村（社区）党组织组织");
        new FieldErrors()
            .Check(Years.Valid(request.Year), "year", "年度无效")
            .Check(request.HeldOn is { } d && d >= ChinaTime.Today(clock) && Years.Valid(d.Year), "heldOn", "请填写评议日期（今天或以后）")
            .Check(request.Respondents is >= 1 and <= 10_000, "respondents", "请填写参加评议的党员群众人数（1 到 10000）")
            .ThrowIfAny();
        var village = await scope.OrganizationAsync(request.OrganizationId, ct);
        if (!await Organizations.VillageOrganizations.IsActiveAsync(db, village.Id, ct))
        {
            throw RuleViolation.Invalid($"{village.Name}不是村（社区）党组织：公开效果评议按村（社区）进行", "organizationId");
        }
        if (await db.OpennessRatings.AnyAsync(r => r.OrganizationId == village.Id && r.Year == request.Year, ct))
        {
            throw new RuleViolation($"{village.Name}{request.Year}年度的公开效果评议已经安排");
        }
        await using var work = await db.BeginWorkAsync(ct);
        var meeting = await surveys.HandleAsync(Survey(village.Name, village.Id, request.Year, request.HeldOn, request.Respondents!.Value), ct);
        var rating = new OpennessRating { Year = request.Year, OrganizationId = village.Id, MeetingId = meeting.Id, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.OpennessRatings.Add(rating);
        await db.SaveChangesAsync(ct);
        audit.Record("openaffairs.rating", nameof(OpennessRating), rating.Id, village.Path, new { village = village.Name, year = request.Year, meeting = meeting.Id, respondents = request.Respondents });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return rating;
    }

    /// <summary>The meeting of a village's openness rating: 党务村务公开 rated by the members and residents present.</summary>
    public static NewSurveyMeeting Survey(string village, long villageId, int year, DateOnly? heldOn, int respondents) =>
        new($"{village}{year}年度党务村务公开效果评议", year, villageId, SchemeTemplates.OpennessSurvey, heldOn, $"{year}年度党务村务公开", "公开效果", respondents);
}
