using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// A resident's request as filed: the service, the description, a location (address and/or WGS84 coordinates — GeoReport v2
/// asks for one of them), the answers to the service's attributes (the township among them), an optional name, phone and media
/// link, where it came from.
/// </summary>
public sealed record FileRequest(string? ServiceCode, string? Description, string? Address, double? Latitude, double? Longitude,
    IReadOnlyDictionary<string, string[]>? Attributes, string? Name = null, string? Phone = null, string? MediaUrl = null,
    RequestSource Source = RequestSource.Staff, long? GridGroupId = null, long? ClientKeyId = null);

/// <summary>A request registered, with the resident's tracking code (shown once; none for an Open311 client, which has its token).</summary>
public sealed record FiledRequest(ServiceRequest Request, string? TrackingCode);

/// <summary>
/// Registers a request: every mistake named with its field (an Open311 client gets each as an error of its list); assigned to the
/// committee of the township chosen, which passes it to the branch or unit; the grid group it came from, one of that township's;
/// up to three photos from the public page; the expected answer from the service's days; requester details encrypted; a tracking
/// code for the resident; audited without the requester.
/// </summary>
public sealed class FileRequestHandler(PingyiDbContext db, RequestServices services, PiiProtector pii, AuditLog audit, TimeProvider clock, Scope scope, FileStore store)
{
    public const int MostPhotos = 3;
    public const long MaxPhotoBytes = 10L * 1024 * 1024;
    public static readonly string[] PhotoTypes = [".jpg", ".jpeg", ".png"];

    public async Task<FiledRequest> HandleAsync(FileRequest request, IReadOnlyList<IFormFile>? photos = null, CancellationToken ct = default)
    {
        var service = services.Find(request.ServiceCode);
        if (request.ServiceCode is { Length: > 0 } && service is null)
        {
            throw RuleViolation.NotFound($"service_code {request.ServiceCode} 不存在");
        }
        var description = (request.Description ?? string.Empty).Trim();
        var address = (request.Address ?? string.Empty).Trim();
        var name = (request.Name ?? string.Empty).Trim();
        var phone = new string((request.Phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        var media = (request.MediaUrl ?? string.Empty).Trim();
        var answers = request.Attributes ?? new Dictionary<string, string[]>();
        var pictures = (photos ?? []).Where(f => f.Length > 0).ToList();
        var errors = new FieldErrors()
            .Check(service is not null, "service_code", "请选择诉求类别")
            .Check(description.Length is > 0 and <= ServiceRequest.DescriptionMax, "description", $"请描述诉求（不超过{ServiceRequest.DescriptionMax}字）")
            .Check(address.Length > 0 || (request.Latitude is not null && request.Longitude is not null), "address_string", "请填写地点")
            .Check(address.Length <= ServiceRequest.AddressMax, "address_string", $"地址不超过{ServiceRequest.AddressMax}字")
            .Check(request.Latitude is null or (>= -90 and <= 90) && request.Longitude is null or (>= -180 and <= 180), "lat", "经纬度超出范围（WGS84：纬度 -90 到 90，经度 -180 到 180）")
            .Check((request.Latitude is null) == (request.Longitude is null), "long", "经纬度要同时填写")
            .Check(name.Length <= 50, "first_name", "姓名不超过50字")
            .Check(phone.Length == 0 || phone.Length is >= 7 and <= 20, "phone", "电话只能是 7 到 20 位数字")
            .Check(pictures.Count <= MostPhotos, "photos", $"最多附 {MostPhotos} 张照片")
            .Check(media.Length == 0 || (media.Length <= 500 && Uri.TryCreate(media, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"), "media_url", "media_url 应为 http 或 https 地址");
        long? township = null;
        Dictionary<string, object>? kept = null;
        // Every service asks for the township: asked even when the category is missing, so one refusal names every mistake.
        errors.Check(service is not null || answers.GetValueOrDefault(RequestServices.TownshipAttribute)?.Any(v => !string.IsNullOrWhiteSpace(v)) == true,
            $"attribute[{RequestServices.TownshipAttribute}]", "请填写诉求所在乡镇");
        if (service is not null)
        {
            kept = [];
            foreach (var attribute in await services.AttributesAsync(service, ct))
            {
                var given = answers.GetValueOrDefault(attribute.Code)?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray() ?? [];
                if (given.Length == 0)
                {
                    errors.Check(!attribute.Required, $"attribute[{attribute.Code}]", $"请填写{attribute.Description}");
                    continue;
                }
                var allowed = attribute.Values.Select(v => v.Key).ToHashSet();
                var ok = attribute.Datatype switch
                {
                    "singlevaluelist" => given.Length == 1 && allowed.Contains(given[0]),
                    "multivaluelist" => given.All(allowed.Contains),
                    "number" => given.Length == 1 && double.TryParse(given[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                    _ => given.Length == 1 && given[0].Length <= 500,
                };
                errors.Check(ok, $"attribute[{attribute.Code}]", $"{attribute.Description}不在可选范围内");
                if (ok)
                {
                    kept[attribute.Code] = attribute.Datatype == "multivaluelist" ? given : given[0];
                    if (attribute.Code == RequestServices.TownshipAttribute)
                    {
                        township = long.Parse(given[0], CultureInfo.InvariantCulture);
                    }
                }
            }
        }
        errors.ThrowIfAny();
        var holder = await db.Organizations.Where(o => o.Id == township).Select(o => new { o.Path, o.Name }).FirstAsync(ct);
        var path = holder.Path;
        var group = request.GridGroupId is { } groupId
            ? await db.GridGroups.Where(g => g.Id == groupId).Select(g => new { g.Id, g.Name, g.Organization!.Path }).FirstOrDefaultAsync(ct)
            : null;
        if (request.GridGroupId is not null && (group is null || !group.Path.StartsWith(path, StringComparison.Ordinal)))
        {
            throw RuleViolation.Invalid("请选择诉求所在乡镇的网格群", "gridGroupId");
        }
        var stored = new List<StoredFile>();
        foreach (var picture in pictures)
        {
            stored.Add(await store.SaveAsync(picture, PhotoTypes, MaxPhotoBytes, ct));
        }
        var code = request.Source == RequestSource.Open311 ? null : TrackingCodes.New();
        var now = clock.GetUtcNow().UtcDateTime;
        var filed = new ServiceRequest
        {
            ServiceCode = service!.Code, Description = description, Address = address.Length > 0 ? address : null, Latitude = request.Latitude, Longitude = request.Longitude,
            Attributes = JsonSerializer.Serialize(kept), MediaUrl = media.Length > 0 ? media : null,
            RequesterName = name.Length > 0 ? pii.Encrypt(name) : null, RequesterPhone = phone.Length > 0 ? pii.Encrypt(phone) : null,
            Source = group is null ? request.Source : RequestSource.GridGroup, GridGroup = group?.Name, GridGroupId = group?.Id,
            TrackingHash = code is null ? null : TrackingCodes.Hash(pii, "request", code), OrganizationId = township!.Value, Status = RequestStatus.Open,
            ServiceNotice = Notice(holder.Name, service.ExpectedDays), RequestedAt = now, UpdatedAt = now, ExpectedAt = now.AddDays(service.ExpectedDays),
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), ClientKeyId = request.ClientKeyId, CreatedBy = scope.UserName ?? RequestText.Filer(request.Source),
        };
        await using var work = await db.BeginWorkAsync(ct);
        db.ServiceRequests.Add(filed);
        await db.SaveChangesAsync(ct);
        foreach (var s in stored)
        {
            db.ServiceRequestPhotos.Add(new ServiceRequestPhoto { RequestId = filed.Id, Path = s.Path, FileName = s.ShortName, Sha256 = s.Sha256, Length = s.Length });
        }
        db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = filed.Id, Kind = "file", Text = filed.ServiceNotice, OrganizationId = filed.OrganizationId, UserName = filed.CreatedBy, At = now });
        audit.Record("request.file", nameof(ServiceRequest), filed.Id, path, new { service = filed.ServiceCode, source = filed.Source.ToString(), client = filed.ClientKeyId, group = filed.GridGroupId, photos = stored.Count }, filed.CreatedBy);
        await db.SaveChangesAsync(ct);
        await work.CommitAsync(ct);
        return new FiledRequest(filed, code);
    }

    /// <summary>What the resident is told when the request is registered (GeoReport v2 service_notice).</summary>
    public static string Notice(string township, int days) => $"已交{Core.Organizations.OrganizationNames.Short(township)}办理，{days}日内答复";
}
