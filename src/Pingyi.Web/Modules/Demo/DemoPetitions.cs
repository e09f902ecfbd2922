using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.Petitions;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Petitions;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// The demo county's year of petitions (seed 002: in 14 townships and 40 county units, 346 accepted, 210 resolved, 136 assigned or
/// transferred): every one of the 346 accepted, 136 of them routed from a township to a county unit first; 210 resolved (support,
/// explanation or a settlement) and rated, 40 answered 不予支持, 96 in handling (a few past their limit), 3 of the answered in
/// 复查; besides, 12 awaiting routing, 8 not accepted and 4 withdrawn; ten accusations with the county's discipline body. The
/// written answers are numbered by the units' issuers; the petitioners' details encrypted like any others.
/// </summary>
public sealed class DemoPetitions(PingyiDbContext db, AuditLog audit, TimeProvider clock, PiiProtector pii, Documents.DocumentRegister register, Calendar.WorkCalendars calendars)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["建国", "秀英", "桂兰", "志强", "海燕", "德明", "玉兰", "春生", "红梅", "国庆", "淑珍", "长顺", "小燕", "文华", "金凤", "永福"];

    private static readonly (PetitionKind Kind, string Request, string Facts, string Findings, string Basis)[] Matters =
    [
        (PetitionKind.Claim, "请求修复被冲毁的村组道路", "今年汛期村组道路被冲毁约百米，群众出行困难，多次向村里反映未解决。", "经现场勘查，该路段损毁属实，已列入乡村公路提升改造项目。", "《农村公路建设管理办法》"),
        (PetitionKind.Claim, "请求发放拖欠的土地流转费", "合作社承包我组土地，去年流转费至今未付清。", "经核查，合作社拖欠流转费属实，已督促其限期支付。", "土地流转合同及《农村土地经营权流转管理办法》"),
        (PetitionKind.Claim, "请求将家庭纳入低保", "家中老人患病，子女在外务工收入低，生活困难。", "经入户核查，家庭收入低于当地低保标准。", "《社会救助暂行办法》第十条"),
        (PetitionKind.Claim, "请求解决安置房办证问题", "安置房入住三年仍未办理不动产权证。", "经查，办证所需的土地手续已补齐，正在办理。", "《不动产登记暂行条例》"),
        (PetitionKind.Suggestion, "建议在村部增设夜间路灯", "村部广场周边夜间无照明，老人跳舞出行不便。", "经研究，建议合理，已纳入美丽乡村建设项目。", "县美丽乡村建设实施方案"),
        (PetitionKind.Suggestion, "建议公开村集体收支明细", "村务公开栏多月未更新集体收支。", "经查，村务公开不及时属实，已督促按月公开。", "《村务公开条例》及县四议两公开制度"),
        (PetitionKind.Claim, "请求退还多收的合作医疗费", "今年合作医疗缴费被重复收取一次。", "经核对缴费记录，重复收取属实，已退还。", "县城乡居民医保缴费办法"),
        (PetitionKind.Claim, "请求处理邻里宅基地纠纷", "邻居建房占用我家宅基地约十平方米。", "经实地测量，双方宅基地界址清楚，未发现占用情况。", "《土地管理法》第六十二条"),
    ];

    public async Task GenerateAsync(int seed, CancellationToken ct = default)
    {
        if (await db.Petitions.AnyAsync(ct))
        {
            return;
        }
        var townships = await db.Organizations.Where(o => o.Level == OrganizationLevel.TownshipCommittee && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).Select(o => new { o.Id, o.Path, o.ParentId }).ToListAsync(ct);
        var units = await db.Organizations.Where(o => o.Category == OrganizationCategory.GovernmentUnit && o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.SortOrder).Select(o => new { o.Id, o.Path, o.ParentId }).ToListAsync(ct);
        var county = await db.Organizations.Where(o => o.ParentId == null).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct);
        if (townships.Count == 0 || units.Count == 0 || county is null)
        {
            return;
        }
        var random = new Random(seed + 15);
        var calendar = await calendars.CurrentAsync(ct);
        var today = ChinaTime.Today(clock);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var span = Math.Max(1, today.DayNumber - yearStart.DayNumber);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var work = await db.BeginWorkAsync(ct);
        var cases = new List<(Petition Petition, List<PetitionEvent> Events, PetitionReply? Reply)>();

        PetitionEvent Step(string kind, DateOnly on, string text, bool shown = true, DateOnly? due = null) =>
            new() { Kind = kind, On = on, Text = text, Public = shown, Due = due, UserName = "demo", At = on.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc) };

        for (var i = 0; i < 370; i++)
        {
            var matter = Matters[random.Next(Matters.Length)];
            var township = townships[i % townships.Count];
            var accusation = i < 10;
            var routed = !accusation && i < 146; // 136 routed among the accepted (i 10..145)
            var unit = routed ? units[i % units.Count] : township;
            // The case's fate: accepted (346 = 10 accusations + 336), awaiting routing (12), not accepted (8), withdrawn (4).
            var fate = i < 346 ? "accepted" : i < 358 ? "registered" : i < 366 ? "not-accepted" : "withdrawn";
            // Cases still in handling came in lately (one in twelve of them long enough ago to be past its 60 days); the rest over the year.
            var inHandling = fate == "accepted" && (i < 10 || i - 10 >= 250);
            var received = fate == "registered" ? today.AddDays(-random.Next(0, 10))
                : inHandling ? today.AddDays(-(i % 12 == 0 ? 75 : random.Next(5, 50)))
                : yearStart.AddDays(random.Next(0, Math.Max(1, span - 70)));
            DateOnly Clamp(DateOnly d) => d > today ? today : d;
            received = Clamp(received);
            var name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
            var code = RandomNumberGenerator.GetString("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 10);
            var p = new Petition
            {
                TrackingHash = pii.LookupHash("petition:" + code), Kind = accusation ? PetitionKind.Accusation : matter.Kind,
                Channel = (PetitionChannel)random.Next(4), Request = accusation ? "反映村干部优亲厚友分配救助物资" : matter.Request,
                Facts = accusation ? "今年春节前救助物资多数分给了村干部亲属，困难户没有领到。" : matter.Facts,
                PetitionerName = pii.Encrypt(name), Address = pii.Encrypt($"第{random.Next(1, 9)}组"), Phone = pii.Encrypt($"13{random.Next(100000000, 999999999)}"),
                IntakeOrganizationId = township.Id, HandlingOrganizationId = accusation ? county.Id : unit.Id, AccusedOrganizationId = accusation ? township.Id : null,
                AccusedName = accusation ? Surnames[random.Next(Surnames.Length)] + "某" : null, FirstReceivedOn = received, ReceivedOn = received,
                RoutingDue = PetitionPeriods.RoutingDue(calendar, received), Status = PetitionStatus.Registered, CreatedBy = "demo", CreatedAt = now,
            };
            var events = new List<PetitionEvent> { Step("file", received, "已登记", due: p.RoutingDue) };
            PetitionReply? reply = null;
            if (routed && fate == "accepted")
            {
                var on = Clamp(received.AddDays(random.Next(1, 6)));
                p.FromOrganizationId = township.Id;
                p.RoutedAs = i % 3 == 0 ? PetitionRouting.Assign : PetitionRouting.Transfer;
                p.ReceivedOn = on;
                p.RoutingDue = PetitionPeriods.RoutingDue(calendar, on);
                events.Add(Step(p.RoutedAs == PetitionRouting.Assign ? "assign" : "transfer", on, p.RoutedAs == PetitionRouting.Assign ? "已交办县直单位办理" : "已转送县直单位处理", due: p.RoutingDue));
            }
            switch (fate)
            {
                case "accepted":
                {
                    var acceptedOn = Clamp(p.ReceivedOn.AddDays(random.Next(1, 10)));
                    p.AcceptedOn = acceptedOn;
                    p.HandlingDue = PetitionPeriods.HandlingDue(calendar, acceptedOn);
                    p.Status = PetitionStatus.Accepted;
                    events.Add(Step("accept", acceptedOn, "已受理", due: p.HandlingDue));
                    // 210 resolved, 40 answered 不予支持, 96 in handling (ten of them the ten accusations' last).
                    var k = i < 10 ? 300 + i : i - 10;
                    if (k < 250)
                    {
                        var repliedOn = Clamp(acceptedOn.AddDays(random.Next(10, 55)));
                        if (k < 12)
                        {
                            p.Status = PetitionStatus.Closed;
                            p.Closing = PetitionClosing.Settled;
                            p.ClosedOn = repliedOn;
                            events.Add(Step("settle", repliedOn, "经调解达成协议，办结"));
                        }
                        else
                        {
                            var opinion = k < 210 ? (k % 4 == 0 ? PetitionOpinion.Explain : PetitionOpinion.Support) : PetitionOpinion.NotSupport;
                            reply = new PetitionReply
                            {
                                Level = 0, OrganizationId = p.HandlingOrganizationId, Opinion = opinion, Findings = matter.Findings, Basis = matter.Basis, RepliedOn = repliedOn,
                                UserName = "demo", CreatedAt = now,
                            };
                            p.Status = PetitionStatus.Answered;
                            p.Opinion = opinion;
                            p.RepliedOn = repliedOn;
                            p.ReviewRequestUntil = PetitionPeriods.ReviewRequestUntil(calendar, repliedOn);
                            events.Add(Step("answer", repliedOn, $"已出具处理意见书：{PetitionText.Opinion(opinion)}"));
                            if (k is >= 210 and < 213 && p.ReviewRequestUntil >= today)
                            {
                                // 复查 asked for: with the unit above.
                                p.Level = 1;
                                p.Status = PetitionStatus.InReview;
                                p.HandlingOrganizationId = unit.ParentId ?? county.Id;
                                p.ReviewRequestedOn = today;
                                p.ReviewDue = PetitionPeriods.ReviewDue(calendar, today);
                                events.Add(Step("review", today, "信访人请求复查", due: p.ReviewDue));
                            }
                        }
                        if (k < 210 && random.Next(10) < 8)
                        {
                            p.Rating = random.Next(10) switch { < 7 => PetitionRating.Satisfied, < 9 => PetitionRating.FairlySatisfied, _ => PetitionRating.Dissatisfied };
                            p.RatedAt = now;
                            events.Add(Step("rate", repliedOn, $"信访人评价：{PetitionText.Rating(p.Rating.Value)}"));
                        }
                    }
                    break;
                }
                case "not-accepted":
                    p.Status = PetitionStatus.Closed;
                    p.Closing = PetitionClosing.NotAccepted;
                    p.ClosedOn = Clamp(received.AddDays(3));
                    events.Add(Step("not-accept", p.ClosedOn.Value, "不予受理（信访工作条例第二十三条）：属司法程序处理的事项，请向人民法院提出"));
                    break;
                case "withdrawn":
                    p.Status = PetitionStatus.Closed;
                    p.Closing = PetitionClosing.Withdrawn;
                    p.ClosedOn = Clamp(received.AddDays(2));
                    events.Add(Step("withdraw", p.ClosedOn.Value, "信访人撤回"));
                    break;
            }
            if ((p.Status == PetitionStatus.Answered ? p.RepliedOn : p.ClosedOn) is { } ended)
            {
                p.EndedOn(ended);
            }
            cases.Add((p, events, reply));
        }
        db.Petitions.AddRange(cases.Select(c => c.Petition));
        await db.SaveChangesAsync(ct);
        foreach (var (p, events, reply) in cases)
        {
            p.Number = $"XF{p.FirstReceivedOn.Year}{p.Id:D6}";
            foreach (var e in events)
            {
                e.PetitionId = p.Id;
                e.OrganizationId = p.HandlingOrganizationId;
            }
            db.PetitionEvents.AddRange(events);
            if (reply is not null)
            {
                reply.PetitionId = p.Id;
                db.PetitionReplies.Add(reply);
                await register.IssueAsync(reply.OrganizationId, HandlePetitionHandler.Subject(p.Id, 0), $"关于{p.Number}号信访事项的处理意见书", reply.RepliedOn, null, ct);
            }
        }
        // Video receptions (seed 002): last week's, recorded; next week's, two cases booked from their townships.
        var past = new ReceptionSlot { OrganizationId = county.Id, Leader = "县委副书记 李明", StartsAt = now.AddDays(-7).Date.AddHours(7), Minutes = 90, Capacity = 6, CreatedBy = "demo", CreatedAt = now.AddDays(-14) };
        var next = new ReceptionSlot { OrganizationId = county.Id, Leader = "县长 王强", StartsAt = now.AddDays(3).Date.AddHours(7), Minutes = 120, Capacity = 8, Link = "https://meeting.example.gov.cn/qs/xinfang", CreatedBy = "demo", CreatedAt = now };
        db.ReceptionSlots.AddRange(past, next);
        await db.SaveChangesAsync(ct);
        var receptionCases = cases.Where(c => c.Petition.Status == PetitionStatus.Accepted && c.Petition.Kind != PetitionKind.Accusation).Take(3).ToList();
        for (var b = 0; b < receptionCases.Count; b++)
        {
            var p = receptionCases[b].Petition;
            var slot = b == 0 ? past : next;
            db.ReceptionBookings.Add(new ReceptionBooking
            {
                SlotId = slot.Id, PetitionId = p.Id, FromOrganizationId = p.IntakeOrganizationId, Status = b == 0 ? BookingStatus.Attended : BookingStatus.Booked,
                Attendees = b == 0 ? "县委副书记 李明、信访人、乡镇信访干部" : null, Notes = b == 0 ? "听取诉求，现场连线县直单位" : null, Result = b == 0 ? "责成有关单位十日内答复" : null,
                BookedBy = "demo", CreatedAt = now.AddDays(-10),
            });
            db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, Kind = "book", On = today, Text = $"预约视频接访：{slot.Leader}，{ChinaTime.DateTimeText(slot.StartsAt)}", Public = true, UserName = "demo", At = now });
        }
        audit.Record("demo.petitions", "Demo", null, county.Path, new { petitions = cases.Count, accepted = cases.Count(c => c.Petition.AcceptedOn is not null) });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
    }
}
