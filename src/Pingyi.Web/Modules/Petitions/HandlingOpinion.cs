using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Documents;

namespace Pingyi.Web.Modules.Petitions;

/// <summary>
/// The written answer as an official document (GB/T 9704) of the answering unit's issuer, with the number it was issued with:
/// 处理意见书 (§32: the request, the facts and reasons, the facts found, the opinion 予以支持 / 解释说明 / 不予支持 and its basis),
/// 复查意见书 (§35) or 复核意见书 (§36), addressed to the petitioner, ending with the way to a review or the finality of a 复核.
/// For staff who may read the case, and for the petitioner by the tracking code. Also the 受理告知书 issued when the case was accepted.
/// </summary>
public sealed class HandlingOpinion(PingyiDbContext db, PiiProtector pii, DocumentRegister register, Calendar.WorkCalendars calendars)
{
    /// <summary>
    /// 受理告知书: the petitioner told in writing that the unit accepted the case (§22, §23), by when it will be handled (60 days, §34;
    /// extendable once by at most 30 days with the reason told), and how to follow it (§21).
    /// </summary>
    public async Task<Paper> AcceptanceAsync(Petition petition, CancellationToken ct = default)
    {
        var issued = await register.IssuedAsync(HandlePetitionHandler.AcceptanceSubject(petition.Id), ct)
            ?? throw RuleViolation.NotFound("该信访事项受理时没有出具受理告知书");
        var unit = petition.Kind == PetitionKind.Accusation ? "本机关" : await db.Organizations.Where(o => o.Id == petition.HandlingOrganizationId).Select(o => o.Name).FirstAsync(ct);
        var petitioner = pii.Decrypt(petition.PetitionerName);
        var title = $"关于{petition.Number}号信访事项的受理告知书";
        // As it was told on the day of acceptance: the 60 days, not a later extension.
        var acceptedOn = petition.AcceptedOn ?? issued.IssuedOn;
        var due = PetitionPeriods.HandlingDue(await calendars.CurrentAsync(ct), acceptedOn);
        var bytes = OfficialDocument.Create(new OfficialHead(issued.Issuer, issued.Number, title, $"{petitioner}："), issued.IssuedOn, body =>
        {
            body.Text($"你于{ChinaTime.ChineseDate(petition.FirstReceivedOn)}提出的信访事项（编号{petition.Number}，{PetitionText.Kind(petition.Kind)}）已收悉。"
                + $"经审查，该事项属于{unit}职权范围，根据《信访工作条例》第二十二条、第二十三条的规定，决定予以受理。");
            body.Heading("一、信访请求");
            body.Text(petition.Request);
            body.Heading("二、办理期限");
            body.Text($"本机关将自受理之日（{ChinaTime.ChineseDate(acceptedOn)}）起60日内办结，即在{ChinaTime.ChineseDate(due)}前"
                + "出具书面处理意见；情况复杂的，经本机关负责人批准可以适当延长办理期限，延长期限不超过30日，并告知你延期理由（《信访工作条例》第三十四条）。");
            body.Heading("三、告知事项");
            body.Text("你可以凭提交时取得的查询码，在网上查询办理进度，并在办结后对办理情况作出评价（《信访工作条例》第二十一条）。");
            body.Text("信访人应当如实反映情况，不得捏造、歪曲事实，不得诬告、陷害他人（《信访工作条例》第二十六条）。");
        });
        return new Paper(bytes, $"{petition.Number}受理告知书.docx");
    }

    public async Task<Paper> DocumentAsync(Petition petition, int level, CancellationToken ct = default)
    {
        var reply = await db.PetitionReplies.FirstOrDefaultAsync(r => r.PetitionId == petition.Id && r.Level == level, ct)
            ?? throw RuleViolation.NotFound("该信访事项还没有这一级的书面意见");
        var issued = await register.IssuedAsync(HandlePetitionHandler.Subject(petition.Id, level), ct)
            ?? throw RuleViolation.NotFound("该意见书尚未编号");
        var unit = await db.Organizations.Where(o => o.Id == reply.OrganizationId).Select(o => new { o.Name, o.ParentId }).FirstAsync(ct);
        var above = unit.ParentId is { } parent ? await db.Organizations.Where(o => o.Id == parent).Select(o => o.Name).FirstAsync(ct) : "上一级机关";
        var name = PetitionPeriods.ReplyName(level);
        var petitioner = pii.Decrypt(petition.PetitionerName);
        var title = $"关于{petition.Number}号信访事项的{name}";
        var bytes = OfficialDocument.Create(new OfficialHead(issued.Issuer, issued.Number, title, $"{petitioner}："), issued.IssuedOn, body =>
        {
            body.Text($"你于{ChinaTime.ChineseDate(petition.FirstReceivedOn)}提出的信访事项（编号{petition.Number}，{PetitionText.Kind(petition.Kind)}）"
                + (level == 0 ? "已收悉。" : $"的{(level == 1 ? "复查" : "复核")}请求已收悉。") + "现将办理意见告知如下：");
            body.Heading("一、信访请求");
            body.Text(petition.Request);
            body.Heading("二、事实和理由");
            body.Text(petition.Facts);
            body.Heading("三、经查");
            body.Text(reply.Findings);
            body.Heading("四、处理意见");
            body.Text(reply.Opinion switch
            {
                PetitionOpinion.Support => "你的请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持，并督促有关机关、单位执行。",
                PetitionOpinion.Explain => "你的请求事由合理但缺乏法律依据，现作出解释说明。",
                _ => "你的请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定，不予支持。",
            });
            body.Text($"依据：{reply.Basis}");
            body.Heading("五、告知事项");
            body.Text(level switch
            {
                0 => $"如对本处理意见不服，可以自收到本意见书之日起30日内，向{above}请求复查（《信访工作条例》第三十五条）。",
                1 => $"如对本复查意见不服，可以自收到本意见书之日起30日内，向{above}请求复核（《信访工作条例》第三十六条）。",
                _ => "本复核意见为最终意见。对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（《信访工作条例》第三十六条）。",
            });
        });
        return new Paper(bytes, $"{petition.Number}{name}.docx");
    }
}
