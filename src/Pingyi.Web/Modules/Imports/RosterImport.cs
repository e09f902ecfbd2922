using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Imports;

/// <summary>
/// Imports a roster (花名册) row by row in one pass and one transaction: rows are checked as they
/// are read and written in batches; if any row is refused the transaction is rolled back, so
/// nothing is half-imported. A person is matched by ID number, so importing the same file again
/// updates instead of duplicating.
/// </summary>
public sealed class RosterImport(PingyiDbContext db, Scope scope, PiiProtector pii, AuditLog audit, TimeProvider clock)
{
    private const int BatchSize = 1000;

    private sealed record OrgRef(long Id, string Code, string Name, OrganizationStatus Status);

    private sealed record RosterRow(
        int Number, string Name, Gender Gender, byte[] IdCipher, string Hash, string? Phone, byte[]? PhoneCipher, OrgRef Organization,
        MemberStatus MemberStatus, DateOnly? JoinedOn, DateOnly? ConfirmedOn, PositionTitle? Position, DateOnly? TermStart,
        RepresentativeRoles Representatives, EducationLevel? Education);

    public async Task<ImportReport> RunAsync(Stream file, string? fileName, bool dryRun, ImportProgress progress, CancellationToken ct = default, bool partial = false)
    {
        var report = new ImportReport { DryRun = dryRun, Partial = partial };
        try
        {
            using var reader = TableReader.Open(file, fileName);
            await RunAsync(reader, report, progress, ct);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            report.Unreadable(e.Message);
            db.ChangeTracker.Clear();
        }
        finally
        {
            progress.Done = true;
        }
        return report;
    }

    private async Task RunAsync(TableReader reader, ImportReport report, ImportProgress progress, CancellationToken ct)
    {
        var scopePath = await scope.PathAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.Path.StartsWith(scopePath))
            .Select(o => new OrgRef(o.Id, o.Code, o.Name, o.Status)).ToDictionaryAsync(o => o.Code, StringComparer.OrdinalIgnoreCase, ct);
        var inScope = organizations.Values.Select(o => o.Id).ToHashSet();
        // Every known person once (ID hash → organization): most batches of a new roster then need no
        // lookup query, and a person registered outside the caller's scope is refused while reading.
        var known = await db.People.AsNoTracking().Select(p => new { p.IdNumberHash, p.OrganizationId })
            .ToDictionaryAsync(p => p.IdNumberHash, p => p.OrganizationId, StringComparer.Ordinal, ct);
        var today = ChinaTime.Today(clock);
        await using var tx = report.DryRun ? null : await db.BeginWorkAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // Reading, checking and encrypting run on one core while the database writes on the other.
        var batches = Channel.CreateBounded<List<RosterRow>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => Produce(reader, batches.Writer, organizations, inScope, known, today, report, progress, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                await FlushAsync(batch, report, known, ct);
            }
        }
        catch
        {
            // If reading failed, its own exception (a damaged file, say) is the one to report.
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
            }
            throw;
        }
        await producer;
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        if (report.Blocked)
        {
            db.ChangeTracker.Clear();
            report.Committed = false;
            report.Message = $"共{report.RowsRead}行，其中{report.Rejected}行有错误；未导入任何数据，请改正后重新导入";
            return; // the transaction is disposed without commit: rolled back
        }
        if (report.DryRun)
        {
            report.Message = (report.Rejected > 0 ? $"跳过{report.Rejected}行有错误的行；" : "校验通过：") + $"共{report.RowsRead}行，将新增{report.Created}人、更新{report.Updated}人、{report.Unchanged}人无变化（仅校验，未写入）";
            return;
        }
        audit.Record("import.roster", "Import", null, scopePath,
            new { rows = report.RowsRead, created = report.Created, updated = report.Updated, unchanged = report.Unchanged, skipped = report.Rejected });
        await db.SaveChangesAsync(ct);
        await tx!.CommitAsync(ct);
        report.Committed = true;
        report.Message = $"导入完成：共{report.RowsRead}行，新增{report.Created}人，更新{report.Updated}人，{report.Unchanged}人无变化"
            + (report.Rejected > 0 ? $"；跳过{report.Rejected}行有错误的行" : string.Empty);
    }

    private void Produce(TableReader reader, ChannelWriter<List<RosterRow>> output, Dictionary<string, OrgRef> organizations, HashSet<long> inScope,
        Dictionary<string, long?> known, DateOnly today, ImportReport report, ImportProgress progress, CancellationToken ct)
    {
        try
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var batch = new List<RosterRow>(BatchSize);
            Dictionary<string, int>? map = null;
            foreach (var row in reader.Rows())
            {
                ct.ThrowIfCancellationRequested();
                if (map is null)
                {
                    map = report.Header(row, Columns.RosterRequired, "请使用下载的模板");
                    if (map is null)
                    {
                        break;
                    }
                    progress.ExpectedRows = reader.ExpectedRows is { } n ? n - 1 : null;
                    continue;
                }
                if (row.Cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                report.RowsRead++;
                progress.RowsRead = report.RowsRead;
                var parsed = Parse(row, map, organizations, seen, today, report);
                if (parsed is not null && known.TryGetValue(parsed.Hash, out var currentOrganization)
                    && currentOrganization is { } orgId && !inScope.Contains(orgId))
                {
                    report.Refuse(row.Number, Columns.IdNumber, "此人已登记在您管理范围以外的组织，请由上级组织办理组织关系转接");
                    parsed = null;
                }
                if (parsed is null)
                {
                    report.Rejected++;
                    continue;
                }
                report.Accepted++;
                batch.Add(parsed);
                if (batch.Count == BatchSize)
                {
                    output.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
                    batch = new List<RosterRow>(BatchSize);
                }
            }
            if (map is null && !report.Fatal)
            {
                report.NoHeader();
            }
            if (batch.Count > 0)
            {
                output.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private RosterRow? Parse(TableRow row, Dictionary<string, int> map, Dictionary<string, OrgRef> organizations,
        Dictionary<string, int> seen, DateOnly today, ImportReport report)
    {
        string Cell(string column) => map.TryGetValue(column, out var i) && i < row.Cells.Length ? (row.Cells[i] ?? string.Empty).Trim() : string.Empty;
        var ok = true;
        void Fail(string column, string reason)
        {
            report.Refuse(row.Number, column, reason);
            ok = false;
        }

        var name = Cell(Columns.Name);
        if (name.Length == 0)
        {
            Fail(Columns.Name, "姓名不能为空");
        }
        else if (name.Length > Person.NameMax)
        {
            Fail(Columns.Name, $"姓名过长（不超过{Person.NameMax}个字符）");
        }

        var idText = Cell(Columns.IdNumber);
        ResidentIdNumber id = default;
        if (idText.Length == 0)
        {
            Fail(Columns.IdNumber, "公民身份号码不能为空");
        }
        else if (idText.Contains('E', StringComparison.OrdinalIgnoreCase) && double.TryParse(idText, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            Fail(Columns.IdNumber, "身份证号码被 Excel 存成了数字（科学计数法），请把该列设为文本格式后重新填写");
        }
        else if (!ResidentIdNumber.TryParse(idText, out id, out var idError))
        {
            Fail(Columns.IdNumber, idError);
        }
        else if (seen.TryGetValue(id.Value, out var firstRow))
        {
            Fail(Columns.IdNumber, $"与第{firstRow}行的身份证号码重复");
        }
        else
        {
            seen[id.Value] = row.Number;
        }

        var gender = Gender.Unknown;
        var genderText = Cell(Columns.Gender);
        if (genderText.Length > 0)
        {
            gender = genderText switch { "男" => Gender.Male, "女" => Gender.Female, _ => (Gender)(-1) };
            if (gender < 0)
            {
                Fail(Columns.Gender, $"性别“{genderText}”无效，应为“男”或“女”");
            }
            else if (id.Value is not null && (gender == Gender.Male) != id.IsMale)
            {
                Fail(Columns.Gender, "性别与身份证号码不一致");
            }
        }
        else if (id.Value is not null)
        {
            gender = id.IsMale ? Gender.Male : Gender.Female;
        }

        string? phone = null;
        var phoneText = Cell(Columns.Phone);
        if (phoneText.Length > 0)
        {
            if (PhoneNumber.TryNormalize(phoneText, out var normalized, out var phoneError))
            {
                phone = normalized;
            }
            else
            {
                Fail(Columns.Phone, phoneError);
            }
        }

        var code = Cell(Columns.OrganizationCode);
        OrgRef? organization = null;
        if (code.Length == 0)
        {
            Fail(Columns.OrganizationCode, "所在组织编码不能为空");
        }
        else if (!organizations.TryGetValue(code, out organization))
        {
            Fail(Columns.OrganizationCode, $"组织编码“{code}”不存在或不在您的管理范围内");
        }
        else if (organization.Status != OrganizationStatus.Active)
        {
            Fail(Columns.OrganizationCode, $"组织“{organization.Name}”{organization.Status.Chinese()}，不能再接收人员");
        }

        var statusText = Cell(Columns.MemberStatus);
        if (!PersonNames.TryParseMemberStatus(statusText, out var status))
        {
            Fail(Columns.MemberStatus, $"党员类别“{statusText}”无效，应为“正式党员”“预备党员”或“群众”");
        }

        DateOnly? joined = ParseDate(Columns.JoinedOn);
        DateOnly? confirmed = ParseDate(Columns.ConfirmedOn);
        // A date cell that failed to parse was reported already; the shared rules judge the rest.
        var joinedUnreadable = joined is null && Cell(Columns.JoinedOn).Length > 0;
        foreach (var (field, message) in PersonRules.CheckMembership(status, joined, confirmed, id.Value is null ? null : id.BirthDate, today))
        {
            if (field == PersonField.JoinedOn && joinedUnreadable)
            {
                continue;
            }
            Fail(field switch { PersonField.JoinedOn => Columns.JoinedOn, PersonField.ConfirmedOn => Columns.ConfirmedOn, _ => Columns.MemberStatus }, message);
        }

        var positionText = Cell(Columns.Position);
        if (!PositionTitles.TryParse(positionText, out var position))
        {
            Fail(Columns.Position, $"职务“{positionText}”无效，可填：书记、副书记、委员、组织委员、宣传委员、纪检委员、党小组长");
        }
        DateOnly? termStart = ParseDate(Columns.TermStart);
        if (position is not null && termStart is null)
        {
            termStart = today;
        }

        var repText = Cell(Columns.Representatives);
        if (!PersonNames.TryParseRepresentativeRoles(repText, out var representatives))
        {
            Fail(Columns.Representatives, $"“{repText}”无效，可填：党代表、人大代表、政协委员（多个用顿号分隔）");
        }

        var educationText = Cell(Columns.Education);
        if (!PersonNames.TryParseEducation(educationText, out var education))
        {
            Fail(Columns.Education, $"学历“{educationText}”无效，可填：研究生、大学本科、大学专科、高中（中专）、初中及以下");
        }

        return ok
            ? new RosterRow(row.Number, name, gender, pii.Encrypt(id.Value!), pii.LookupHash(id.Value!), phone, phone is null ? null : pii.Encrypt(phone), organization!, status, joined, confirmed, position, termStart, representatives, education)
            : null;

        DateOnly? ParseDate(string column)
        {
            var text = Cell(column);
            if (text.Length == 0)
            {
                return null;
            }
            if (!CellParsing.TryParseDate(text, out var date))
            {
                Fail(column, $"日期“{text}”无法识别，请写成 2020-07-01 的形式");
                return null;
            }
            if (date > today)
            {
                Fail(column, $"日期{CellParsing.Date(date)}晚于今天");
                return null;
            }
            return date;
        }
    }

    private async Task FlushAsync(List<RosterRow> batch, ImportReport report, Dictionary<string, long?> known, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var hashes = batch.Select(r => r.Hash).Where(known.ContainsKey).ToList();
        var existing = hashes.Count == 0
            ? []
            : await db.People.Where(p => hashes.Contains(p.IdNumberHash))
                    .ToDictionaryAsync(p => p.IdNumberHash, ct);
        var write = !report.DryRun && !report.Blocked;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var created = new List<(Person Person, RosterRow Row)>();
        var moved = new List<(Person Person, long From, RosterRow Row)>();
        var touched = new List<(Person Person, RosterRow Row)>();
        foreach (var row in batch)
        {
            if (!existing.TryGetValue(row.Hash, out var found))
            {
                report.Created++;
                if (write)
                {
                    var person = new Person { Name = row.Name, IdNumberHash = row.Hash, IdNumberCipher = row.IdCipher, CreatedAt = now };
                    Apply(person, row, now);
                    created.Add((person, row));
                }
                continue;
            }
            var p = found;
            var changed = p.Name != row.Name || p.Gender != row.Gender || p.OrganizationId != row.Organization.Id
                || p.MemberStatus != row.MemberStatus || p.JoinedOn != row.JoinedOn || p.ConfirmedOn != row.ConfirmedOn
                || p.Representatives != row.Representatives || pii.DecryptOrNull(p.PhoneCipher) != row.Phone
                || (row.Education is not null && p.Education != row.Education);
            if (changed)
            {
                report.Updated++;
            }
            else
            {
                report.Unchanged++;
            }
            if (write)
            {
                if (p.OrganizationId != row.Organization.Id && p.OrganizationId is { } from)
                {
                    moved.Add((p, from, row));
                }
                if (changed)
                {
                    Apply(p, row, now);
                    db.Entry(p).State = EntityState.Modified;
                }
                touched.Add((p, row));
            }
        }
        if (!write || report.Blocked)
        {
            db.ChangeTracker.Clear();
            return;
        }
        await PeopleBulkInsert.InsertAsync(db, created.Select(c => c.Person).ToList(), today, "导入花名册", ct);
        await db.SaveChangesAsync(ct);
        foreach (var (person, from, row) in moved)
        {
            await db.Memberships.Where(m => m.PersonId == person.Id && m.OrganizationId == from && m.EndedOn == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.EndedOn, today).SetProperty(m => m.Reason, "组织关系转出（导入花名册）"), ct);
            db.Memberships.Add(new People.Membership { PersonId = person.Id, OrganizationId = row.Organization.Id, StartedOn = today, Reason = "组织关系转入（导入花名册）" });
        }
        await AddPositionsAsync(created.Concat(touched).Where(x => x.Row.Position is not null).ToList(), ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task AddPositionsAsync(List<(Person Person, RosterRow Row)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var ids = rows.Select(r => r.Person.Id).ToList();
        var open = (await db.CadrePositions.AsNoTracking().Where(c => ids.Contains(c.PersonId) && c.TermEnd == null)
            .Select(c => new { c.PersonId, c.OrganizationId, c.Title }).ToListAsync(ct)).ToHashSet();
        foreach (var (person, row) in rows)
        {
            if (!open.Contains(new { PersonId = person.Id, OrganizationId = row.Organization.Id, Title = row.Position!.Value }))
            {
                db.CadrePositions.Add(new CadrePosition { PersonId = person.Id, OrganizationId = row.Organization.Id, Title = row.Position.Value, TermStart = row.TermStart!.Value });
            }
        }
    }

    private void Apply(Person p, RosterRow row, DateTime now)
    {
        p.Name = row.Name;
        p.Gender = row.Gender;
        p.PhoneCipher = row.PhoneCipher;
        p.OrganizationId = row.Organization.Id;
        p.MemberStatus = row.MemberStatus;
        p.JoinedOn = row.JoinedOn;
        p.ConfirmedOn = row.ConfirmedOn;
        p.Representatives = row.Representatives;
        p.Education = row.Education ?? p.Education; // a blank cell, or no such column, keeps what is recorded
        p.UpdatedAt = now;
    }
}
