using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Requests;

public sealed record RequestFilter(string? Search = null, RequestStatus? Status = null, string? Service = null, bool Overdue = false, int? Page = null, int? PageSize = null);

public sealed record RequestRow(long Id, string ServiceCode, string Service, string Description, string? Address, string Unit, RequestStatus Status, RequestSource Source,
    DateTime RequestedAt, DateTime ExpectedAt, bool Overdue);

public sealed record RequestStep(string Kind, string Text, string UserName, DateTime At);

public sealed record RequestDetails(long Id, string ServiceCode, string Service, string Description, string? Address, double? Latitude, double? Longitude, string? Attributes,
    string? MediaUrl, string? Requester, string? Phone, RequestSource Source, string? GridGroup, long OrganizationId, string Unit, RequestStatus Status, string? StatusNotes,
    string? ServiceNotice, DateTime RequestedAt, DateTime ExpectedAt, DateTime? ClosedAt, bool Overdue, IReadOnlyList<RequestStep> Steps,
    IReadOnlyList<RequestPhotoView>? Photos = null, string? Rating = null);

public sealed record RequestPhotoView(long Id, string FileName, long Length);

public sealed record RequestContact(string? Name, string? Phone);

/// <summary>A request as GeoReport v2 shows it: no requester.</summary>
public sealed record Open311Request(long Id, string ServiceCode, string Description, string? Address, double? Latitude, double? Longitude, string? MediaUrl,
    RequestStatus Status, string? StatusNotes, string? ServiceNotice, string Agency, DateTime RequestedAt, DateTime UpdatedAt, DateTime ExpectedAt);

public sealed record Open311KeyView(long Id, string Name, string Prefix, string CreatedBy, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>Reads of residents' requests: staff through <see cref="Scope"/>; the Open311 feed of the whole county without requesters; the api keys.</summary>
public sealed class RequestQueries(PingyiDbContext db, Scope scope, RequestServices services, PiiProtector pii, TimeProvider clock, AuditLog audit)
{
    public async Task<Paged<RequestRow>> ListAsync(RequestFilter filter, CancellationToken ct = default)
    {
        scope.User.Require(Policies.RequestStaff, "群众诉求由承办的党组织和单位办理");
        var (page, size) = Paging.Normalize(filter.Page, filter.PageSize, 20);
        var path = await scope.PathAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = db.ServiceRequests.Where(r => r.Organization!.Path.StartsWith(path));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var q = filter.Search.Trim();
            rows = rows.Where(r => r.Description.Contains(q) || (r.Address != null && r.Address.Contains(q)) || r.Organization!.Name.Contains(q));
        }
        if (filter.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            rows = rows.Where(r => r.ServiceCode == filter.Service);
        }
        if (filter.Overdue)
        {
            rows = rows.Where(r => r.Status == RequestStatus.Open && r.ExpectedAt < now);
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.Id).Skip((page - 1) * size).Take(size)
            .Select(r => new { r.Id, r.ServiceCode, r.Description, r.Address, Unit = r.Organization!.Name, r.Status, r.Source, r.RequestedAt, r.ExpectedAt }).ToListAsync(ct);
        return new Paged<RequestRow>([.. items.Select(r => new RequestRow(r.Id, r.ServiceCode, services.Find(r.ServiceCode)?.Name ?? r.ServiceCode, TextCut.Short(r.Description, 40),
            r.Address, r.Unit, r.Status, r.Source, r.RequestedAt, r.ExpectedAt, r.Status == RequestStatus.Open && r.ExpectedAt < now))], page, size, total);
    }

    public async Task<RequestDetails> DetailsAsync(long id, CancellationToken ct = default)
    {
        scope.User.Require(Policies.RequestStaff, "群众诉求由承办的党组织和单位办理");
        var path = await scope.PathAsync(ct);
        var r = await db.ServiceRequests.Include(x => x.Organization).FirstOrDefaultAsync(x => x.Id == id && x.Organization!.Path.StartsWith(path), ct)
            ?? throw RuleViolation.NotFound($"诉求 {id} 不存在或不在您的管理范围内");
        var steps = await db.ServiceRequestEvents.Where(e => e.RequestId == id).OrderBy(e => e.Id).Select(e => new RequestStep(e.Kind, e.Text, e.UserName, e.At)).ToListAsync(ct);
        var photos = await db.ServiceRequestPhotos.Where(p => p.RequestId == id).OrderBy(p => p.Id).Select(p => new RequestPhotoView(p.Id, p.FileName, p.Length)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new RequestDetails(r.Id, r.ServiceCode, services.Find(r.ServiceCode)?.Name ?? r.ServiceCode, r.Description, r.Address, r.Latitude, r.Longitude, r.Attributes, r.MediaUrl,
            pii.DecryptOrNull(r.RequesterName) is { } name ? Petitions.PetitionQueries.MaskName(name) : null, Core.People.Masking.Phone(pii.DecryptOrNull(r.RequesterPhone)),
            r.Source, r.GridGroup, r.OrganizationId, r.Organization!.Name, r.Status, r.StatusNotes, r.ServiceNotice, r.RequestedAt, r.ExpectedAt, r.ClosedAt,
            r.Status == RequestStatus.Open && r.ExpectedAt < now, steps, photos, r.Rating is { } rating ? Petitions.PetitionText.Rating(rating) : null);
    }

    /// <summary>The requester's name and phone in full, for the holder who calls back; each look audited.</summary>
    public async Task<RequestContact> ContactAsync(long id, CancellationToken ct = default)
    {
        await DetailsAsync(id, ct);
        var found = await db.ServiceRequests.Where(r => r.Id == id).Select(r => new { r.RequesterName, r.RequesterPhone, r.Organization!.Path }).FirstAsync(ct);
        audit.Record("request.contact", nameof(ServiceRequest), id, found.Path, new { });
        await db.SaveChangesAsync(ct);
        return new RequestContact(pii.DecryptOrNull(found.RequesterName), pii.DecryptOrNull(found.RequesterPhone));
    }

    /// <summary>A photo of a request in scope, to open.</summary>
    public async Task<(Stream Content, string FileName)> PhotoAsync(long id, long photoId, FileStore files, CancellationToken ct = default)
    {
        await DetailsAsync(id, ct);
        var photo = await db.ServiceRequestPhotos.FirstOrDefaultAsync(p => p.Id == photoId && p.RequestId == id, ct);
        return photo is not null && files.Open(photo.Path) is { } stream ? (stream, photo.FileName) : throw RuleViolation.NotFound($"照片 {photoId} 不存在");
    }

    /// <summary>The public feed: by ids (overriding the rest), or by service codes, the requested time's range and statuses; the latest first, at most 1,000.</summary>
    public async Task<IReadOnlyList<Open311Request>> Open311Async(IReadOnlyList<long>? ids, IReadOnlyList<string> codes, DateTime? from, DateTime? until,
        IReadOnlyList<RequestStatus> statuses, CancellationToken ct)
    {
        var rows = db.ServiceRequests.AsQueryable();
        if (ids is not null)
        {
            rows = rows.Where(r => ids.Contains(r.Id));
        }
        else
        {
            if (codes.Count > 0)
            {
                var upper = codes.Select(c => services.Find(c)!.Code).ToList();
                rows = rows.Where(r => upper.Contains(r.ServiceCode));
            }
            if (from is { } f)
            {
                rows = rows.Where(r => r.RequestedAt >= f);
            }
            if (until is { } u)
            {
                rows = rows.Where(r => r.RequestedAt <= u);
            }
            if (statuses.Count > 0)
            {
                rows = rows.Where(r => statuses.Contains(r.Status));
            }
        }
        return await rows.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(Open311Api.MostRequests)
            .Select(r => new Open311Request(r.Id, r.ServiceCode, r.Description, r.Address, r.Latitude, r.Longitude, r.MediaUrl, r.Status, r.StatusNotes, r.ServiceNotice,
                r.Organization!.Name, r.RequestedAt, r.UpdatedAt, r.ExpectedAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Open311KeyView>> KeysAsync(CancellationToken ct = default)
    {
        scope.User.Require(Policies.SettingsKeepers, "Open311 接口密钥由系统管理员和组织部发放");
        return await db.Open311Keys.OrderByDescending(k => k.Id).Select(k => new Open311KeyView(k.Id, k.Name, k.Prefix, k.CreatedBy, k.CreatedAt, k.RevokedAt)).ToListAsync(ct);
    }

    /// <summary>A new api_key for an Open311 client: shown once, kept as its hash.</summary>
    public async Task<(Open311KeyView Key, string Secret)> IssueKeyAsync(string? name, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SettingsKeepers, "Open311 接口密钥由系统管理员和组织部发放");
        var label = (name ?? string.Empty).Trim();
        new FieldErrors().Check(label.Length is > 0 and <= 100, "name", "请填写使用密钥的应用或单位（不超过100字）").ThrowIfAny();
        var secret = "o311_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var key = new Open311Key { Name = label, Prefix = secret[..10], Hash = Accounts.ApiToken.HashOf(secret), CreatedBy = scope.UserName ?? "system", CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var work = await db.BeginWorkAsync(ct);
        db.Open311Keys.Add(key);
        await db.SaveChangesAsync(ct);
        audit.Record("request.key", nameof(Open311Key), key.Id, await scope.PathAsync(ct), new { name = label, prefix = key.Prefix });
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return (new Open311KeyView(key.Id, key.Name, key.Prefix, key.CreatedBy, key.CreatedAt, null), secret);
    }

    public async Task RevokeKeyAsync(long id, CancellationToken ct = default)
    {
        scope.User.Require(Policies.SettingsKeepers, "Open311 接口密钥由系统管理员和组织部发放");
        var key = await db.Open311Keys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw RuleViolation.NotFound($"密钥 {id} 不存在");
        if (key.RevokedAt is not null)
        {
            throw new RuleViolation("该密钥已吊销");
        }
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("request.key-revoke", nameof(Open311Key), key.Id, await scope.PathAsync(ct), new { name = key.Name, prefix = key.Prefix });
        await db.SaveChangesAsync(ct);
    }
}
