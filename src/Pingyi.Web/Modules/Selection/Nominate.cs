using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Core.People;
using Pingyi.Core.Selection;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Selection;

public sealed record NewCoSigner(string? Name, string? IdNumber);

/// <summary>A nomination for a post: the nominee, the channel, the evidence, the accountable leading cadre, the co-signers.</summary>
public sealed record Nominate(long PostId, long PersonId, NominationChannel Channel, string? Evidence, long? NominatorPersonId = null, IReadOnlyList<NewCoSigner>? CoSigners = null);

/// <summary>The module's settings (configuration <c>Selection</c>).</summary>
public sealed class SelectionOptions
{
    /// <summary>The fewest co-signers of a joint public nomination.</summary>
    public int MinCoSigners { get; set; } = 10;

    /// <summary>How long a project accountability (项目问责, raised by a late milestone) bars a nomination, in months; a decision's own effect period is the measure's.</summary>
    public int AccountabilityMonths { get; set; } = 12;
}

/// <summary>
/// Records a nomination by one of the seven channels (七, seed 000) within the published window: a leading cadre's personal
/// recommendation names the cadre who answers for it; a joint public nomination has at least the set number of co-signers,
/// each with a valid ID number, each verified once and none signing twice for the same post (kept as a keyed hash and an
/// encrypted name); the nominee is checked against the post's requirements and their record (age from the ID number, years in
/// the current post, the 学历 recorded for the person, an accountability record within its effect) with every refusal named; one
/// nomination per person and post.
/// </summary>
public sealed class NominateHandler(PingyiDbContext db, Scope scope, AuditLog audit, TimeProvider clock, SelectionAccess access, PiiProtector pii,
    IOptions<SelectionOptions> options, Accountability.AccountabilityQueries accountability)
{
    public const int MostCoSigners = 500;

    public async Task<Nomination> HandleAsync(Nominate request, CancellationToken ct = default)
    {
        scope.User.Require(Policies.Selectors, "干部选任只由组织部门办理");
        var (post, batch, path) = await access.PostAsync(request.PostId, ct);
        var today = ChinaTime.Today(clock);
        if (batch.PublishedAt is null || today < batch.NominationFrom || today > batch.NominationUntil)
        {
            throw new RuleViolation(batch.PublishedAt is null ? $"“{batch.Title}”尚未发布，不能提名"
                : $"提名期为{ChinaTime.Date(batch.NominationFrom)}至{ChinaTime.Date(batch.NominationUntil)}，今天不在提名期内");
        }
        var evidence = (request.Evidence ?? string.Empty).Trim();
        var signers = (request.CoSigners ?? []).Where(s => !string.IsNullOrWhiteSpace(s.Name) || !string.IsNullOrWhiteSpace(s.IdNumber)).ToList();
        var minimum = options.Value.MinCoSigners;
        var errors = new FieldErrors()
            .Check(Enum.IsDefined(request.Channel), "channel", "请选择提名渠道")
            .Check(evidence.Length is > 0 and <= Nomination.EvidenceMax, "evidence", $"请写明提名依据，如推荐函、会议记录或计票结果（不超过{Nomination.EvidenceMax}字）")
            .Check(request.Channel != NominationChannel.LeadingCadre || request.NominatorPersonId is not null, "nominatorPersonId", "领导干部个人推荐须写明推荐人，推荐人对所荐人选负责")
            .Check(request.Channel != NominationChannel.PublicJoint || signers.Count >= minimum, "coSigners", $"群众联名推荐至少需要 {minimum} 人联名")
            .Check(signers.Count <= MostCoSigners, "coSigners", $"联名人不超过 {MostCoSigners} 人")
            .Check(request.Channel == NominationChannel.PublicJoint || signers.Count == 0, "coSigners", "只有群众联名推荐填写联名人");
        var hashes = new List<(string Hash, string Name)>();
        for (var i = 0; i < signers.Count; i++)
        {
            var name = signers[i].Name?.Trim() ?? "";
            var valid = ResidentIdNumber.TryParse(signers[i].IdNumber, out var id, out var why);
            errors.Check(name.Length is > 0 and <= People.Person.NameMax, $"coSigners[{i}].name", $"第 {i + 1} 位联名人：请填写姓名")
                .Check(valid, $"coSigners[{i}].idNumber", $"第 {i + 1} 位联名人：{why}");
            if (valid)
            {
                var hash = pii.LookupHash(id.Value);
                errors.Check(hashes.All(h => h.Hash != hash), $"coSigners[{i}].idNumber", $"第 {i + 1} 位联名人：与前面的联名人身份证号码相同，每人只能联名一次");
                hashes.Add((hash, name));
            }
        }
        errors.ThrowIfAny();
        var person = await db.People.Where(p => p.Id == request.PersonId).Select(p => new { p.Id, p.Name, p.IdNumberCipher, p.Education }).FirstOrDefaultAsync(ct)
            ?? throw RuleViolation.Invalid("被提名人不存在：请从人员中选择", "personId");
        if (request.Channel == NominationChannel.LeadingCadre
            && !await db.CadrePositions.AnyAsync(p => p.PersonId == request.NominatorPersonId && p.TermEnd == null && p.PersonId != person.Id, ct))
        {
            throw RuleViolation.Invalid("推荐人须是在任领导干部，且不能推荐自己", "nominatorPersonId");
        }
        if (await AlreadyNominatedAsync(post, person.Id, person.Name, ct) is { } already)
        {
            throw new RuleViolation(already);
        }
        var signed = hashes.Select(h => h.Hash).ToList();
        var twice = await db.CoSigners.Where(c => c.PostId == post.Id && signed.Contains(c.IdNumberHash)).Select(c => c.IdNumberHash).ToListAsync(ct);
        if (twice.Count > 0)
        {
            var names = hashes.Where(h => twice.Contains(h.Hash)).Select(h => h.Name);
            throw RuleViolation.Invalid($"{string.Join("、", names)}已为{post.Title}联名推荐过其他人选，同一职位每人只能联名一次", "coSigners");
        }
        if (await IneligibleAsync(post, person.Id, person.Name, person.IdNumberCipher, person.Education, today, ct) is { } ineligible)
        {
            throw RuleViolation.Invalid(ineligible, "personId");
        }
        var nomination = new Nomination
        {
            PostId = post.Id, PersonId = person.Id, Channel = request.Channel, Evidence = evidence, NominatorPersonId = request.Channel == NominationChannel.LeadingCadre ? request.NominatorPersonId : null,
            State = NominationState.Standing, UserName = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Nominations.Add(nomination);
        await using var work = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        db.CoSigners.AddRange(hashes.Select(h => new CoSigner { PostId = post.Id, NominationId = nomination.Id, IdNumberHash = h.Hash, NameCipher = pii.Encrypt(h.Name) }));
        audit.Record("selection.nominate", nameof(SelectionBatch), batch.Id, path, new
        {
            nomination = nomination.Id, post = post.Title, nominee = person.Name, channel = SelectionRules.Chinese(request.Channel), evidence = TextCut.Short(evidence, 100),
            nominator = nomination.NominatorPersonId, coSigners = hashes.Count,
            nominatorName = nomination.NominatorPersonId is { } by ? await db.People.Where(p => p.Id == by).Select(p => p.Name).SingleAsync(ct) : null,
        });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return nomination;
    }

    /// <summary>Why a person cannot stand for the post now — already nominated, or not eligible — or null (the checks of <see cref="HandleAsync"/>).</summary>
    internal async Task<string?> RefusalAsync(SelectionPost post, long personId, DateOnly today, CancellationToken ct)
    {
        var person = await db.People.Where(p => p.Id == personId).Select(p => new { p.Id, p.Name, p.IdNumberCipher, p.Education }).SingleAsync(ct);
        return await AlreadyNominatedAsync(post, person.Id, person.Name, ct) ?? await IneligibleAsync(post, person.Id, person.Name, person.IdNumberCipher, person.Education, today, ct);
    }

    private async Task<string?> AlreadyNominatedAsync(SelectionPost post, long personId, string name, CancellationToken ct)
    {
        var existing = await db.Nominations.Where(n => n.PostId == post.Id && n.PersonId == personId).Select(n => (NominationChannel?)n.Channel).FirstOrDefaultAsync(ct);
        return existing is { } channel ? $"{name}已由“{SelectionRules.Chinese(channel)}”提名为{post.Title}人选" : null;
    }

    private async Task<string?> IneligibleAsync(SelectionPost post, long personId, string name, byte[]? idCipher, EducationLevel? education, DateOnly today, CancellationToken ct)
    {
        var refusals = SelectionRules.Refusals(post.Requirements, await FactsAsync(personId, idCipher, today, ct) with { Education = education });
        return refusals.Count > 0 ? $"{name}不符合{post.Title}的任职条件：{string.Join("；", refusals)}" : null;
    }

    /// <summary>
    /// The nominee's record as eligibility reads it: age from the encrypted ID number (read here, never kept), whole years in the
    /// longest-held current post, an accountability measure in its effect period (a decision, or a project accountability not
    /// tolerated) or a failed integrity review within the effect period.
    /// </summary>
    private async Task<NomineeFacts> FactsAsync(long personId, byte[]? idCipher, DateOnly today, CancellationToken ct)
    {
        int? age = pii.BirthDateOrNull(idCipher) is { } born ? Archives.ArchiveQueries.FullYears(born, today) : null;
        var since = await db.CadrePositions.Where(p => p.PersonId == personId && p.TermEnd == null).MinAsync(p => (DateOnly?)p.TermStart, ct);
        int? years = since is { } s ? Archives.ArchiveQueries.FullYears(s, today) : null;
        var effectFrom = clock.GetUtcNow().UtcDateTime.AddMonths(-options.Value.AccountabilityMonths);
        var inEffect = await accountability.InEffectAsync(personId, options.Value.AccountabilityMonths, ct);
        var failed = await db.IntegrityReviews.AnyAsync(r => !r.Passed && r.AssessedAt >= effectFrom && db.Nominations.Any(n => n.Id == r.NominationId && n.PersonId == personId), ct);
        return new NomineeFacts(age, years, inEffect, failed);
    }
}
