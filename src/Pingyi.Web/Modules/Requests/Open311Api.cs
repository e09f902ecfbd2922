using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;

namespace Pingyi.Web.Modules.Requests;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311/v2/</c> (and the service discovery document at <c>/open311/discovery.{format}</c>):
/// services and their definitions, creating a request with a platform-issued api_key, querying requests (the standard's
/// defaults: the last 90 days, at most 1,000), one request, a token. XML and JSON; UTF-8; ISO 8601 with the offset; errors as
/// the standard's list with 400, 403 (api_key) and 404. Anonymous, as the standard is; the requester's name and phone never
/// leave the platform.
/// </summary>
public static class Open311Api
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    public const int MostRequests = 1000;
    public const int MostDays = 90;

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var open311 = app.MapGroup("/open311").WithTags("Open311").AllowAnonymous();
        open311.MapGet("/discovery.{format}", Discovery).WithSummary("The service discovery document: the GeoReport v2 endpoint, its formats");
        var v2 = open311.MapGroup("/v2");
        v2.MapGet("/discovery.{format}", Discovery).WithSummary("The service discovery document");
        v2.MapGet("/services.{format}", Services).WithSummary("GeoReport v2 GET Service List");
        v2.MapGet("/services/{code}.{format}", Definition).WithSummary("GeoReport v2 GET Service Definition");
        v2.MapPost("/requests.{format}", Create).DisableAntiforgery().WithSummary("GeoReport v2 POST Service Request (form-urlencoded; api_key required)");
        v2.MapGet("/requests.{format}", Query).WithSummary("GeoReport v2 GET Service Requests: service_request_id, service_code, start_date, end_date, status");
        v2.MapGet("/requests/{id}.{format}", One).WithSummary("GeoReport v2 GET Service Request");
        v2.MapGet("/tokens/{token}.{format}", Token).WithSummary("GeoReport v2 GET service_request_id from a token");
        return app;
    }

    private static IResult? Refuse(string format, string? jurisdiction, IOptions<RequestsOptions> options)
    {
        if (!Open311Format.Known(format))
        {
            return Open311Format.Error(Open311Format.Xml, 404, $"format {format} is not supported: use xml or json");
        }
        return options.Value.JurisdictionId is { Length: > 0 } ours && !string.IsNullOrEmpty(jurisdiction) && !string.Equals(jurisdiction, ours, StringComparison.OrdinalIgnoreCase)
            ? Open311Format.Error(format, 404, $"jurisdiction_id {jurisdiction} not found")
            : null;
    }

    private static IResult Discovery(string format, PublicLinks links, TimeProvider clock)
    {
        if (!Open311Format.Known(format))
        {
            return Open311Format.Error(Open311Format.Xml, 404, $"format {format} is not supported: use xml or json");
        }
        var changeset = Open311Format.Time(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        IReadOnlyList<Open311Field> endpoint =
        [
            new("specification", Specification), new("url", links.To("/open311/v2").TrimEnd('/')), new("changeset", changeset), new("type", "production"),
            new("formats", new[] { "text/xml", "application/json" }, "format"),
        ];
        return Open311Format.Single(format, "discovery",
        [
            new("changeset", changeset), new("contact", "县委组织部群众诉求处置中心"), new("key_service", links.To("/Requests/Keys")),
            new("endpoints", new[] { endpoint }, "endpoint"),
        ]);
    }

    private static IResult Services(string format, string? jurisdiction_id, RequestServices services, IOptions<RequestsOptions> options) =>
        Refuse(format, jurisdiction_id, options) ?? Open311Format.List(format, "services", "service", services.All.Select(s => (IReadOnlyList<Open311Field>)
        [
            new("service_code", s.Code), new("service_name", s.Name), new("description", s.Description), new("metadata", true), new("type", "realtime"),
            new("keywords", s.Keywords), new("group", s.Group),
        ]));

    private static async Task<IResult> Definition(string code, string format, string? jurisdiction_id, RequestServices services, IOptions<RequestsOptions> options, CancellationToken ct)
    {
        if (Refuse(format, jurisdiction_id, options) is { } refused)
        {
            return refused;
        }
        if (services.Find(code) is not { } service)
        {
            return Open311Format.Error(format, 404, $"service_code {code} not found");
        }
        var attributes = await services.AttributesAsync(service, ct);
        return Open311Format.Single(format, "service_definition",
        [
            new("service_code", service.Code),
            new("attributes", attributes.Select(a => (IReadOnlyList<Open311Field>)
            [
                new("variable", a.Variable), new("code", a.Code), new("datatype", a.Datatype), new("required", a.Required), new("datatype_description", a.DatatypeDescription),
                new("order", a.Order), new("description", a.Description),
                new("values", a.Values.Select(v => (IReadOnlyList<Open311Field>)[new("key", v.Key), new("name", v.Name)]).ToList(), "value"),
            ]).ToList(), "attribute"),
        ]);
    }

    private static async Task<IResult> Create(string format, HttpRequest http, FileRequestHandler file, PingyiDbContext db, IOptions<RequestsOptions> options, CancellationToken ct)
    {
        var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
        string? Field(string name) => form?[name].FirstOrDefault() is { Length: > 0 } v ? v : null;
        if (Refuse(format, Field("jurisdiction_id"), options) is { } refused)
        {
            return refused;
        }
        if (form is null)
        {
            return Open311Format.Error(format, 400, "POST requests as application/x-www-form-urlencoded");
        }
        var key = Field("api_key");
        var hash = key is null ? null : Accounts.ApiToken.HashOf(key);
        var client = hash is null ? null : await db.Open311Keys.Where(k => k.Hash == hash && k.RevokedAt == null).Select(k => (long?)k.Id).FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return Open311Format.Error(format, 403, key is null ? "api_key is required to create a request" : "Invalid api_key received -- can't proceed with create_request.");
        }
        var errors = new List<(int, string)>();
        double? Number(string name)
        {
            if (Field(name) is not { } text)
            {
                return null;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            errors.Add((400, $"{name} is not a number"));
            return null;
        }
        var lat = Number("lat");
        var lon = Number("long");
        if (errors.Count > 0)
        {
            return Open311Format.Errors(format, errors);
        }
        var attributes = form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal))
            .GroupBy(k => k["attribute[".Length..].Split(']')[0])
            .ToDictionary(g => g.Key, g => g.SelectMany(k => form[k].Select(v => v ?? string.Empty)).ToArray());
        var name = string.Join(' ', new[] { Field("last_name"), Field("first_name") }.Where(n => n is not null));
        try
        {
            var filed = await file.HandleAsync(new FileRequest(Field("service_code"), Field("description"), Field("address_string"), lat, lon, attributes,
                name, Field("phone"), Field("media_url"), RequestSource.Open311, null, client), null, ct);
            return Open311Format.List(format, "service_requests", "request",
                [[new("service_request_id", filed.Request.Id), new("service_notice", filed.Request.ServiceNotice), new("account_id", null)]]);
        }
        catch (RuleViolation e)
        {
            return e.StatusCode == StatusCodes.Status404NotFound
                ? Open311Format.Error(format, 404, e.Message)
                : Open311Format.Errors(format, e.Errors.Count > 0 ? e.Errors.Select(x => (400, $"{x.Field}: {x.Message}")) : [(400, e.Message)]);
        }
    }

    private static async Task<IResult> Query(string format, string? jurisdiction_id, string? service_request_id, string? service_code, string? start_date, string? end_date,
        string? status, RequestQueries queries, RequestServices services, IOptions<RequestsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (Refuse(format, jurisdiction_id, options) is { } refused)
        {
            return refused;
        }
        var errors = new List<(int, string)>();
        List<long>? ids = null;
        if (!string.IsNullOrWhiteSpace(service_request_id))
        {
            ids = [];
            foreach (var part in service_request_id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    ids.Add(id);
                }
                else
                {
                    errors.Add((400, $"service_request_id {part} is not a request id"));
                }
            }
        }
        var codes = (service_code ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        errors.AddRange(codes.Where(c => services.Find(c) is null).Select(c => (400, $"service_code {c} not found")));
        DateTime? Date(string? text, string name)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
            {
                return value.UtcDateTime;
            }
            errors.Add((400, $"{name} must be a w3 datetime with its offset, e.g. 2026-01-01T00:00:00+08:00"));
            return null;
        }
        var start = Date(start_date, "start_date");
        var end = Date(end_date, "end_date");
        var statuses = new List<RequestStatus>();
        foreach (var s in (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (s == "open" || s == "closed")
            {
                statuses.Add(s == "open" ? RequestStatus.Open : RequestStatus.Closed);
            }
            else
            {
                errors.Add((400, $"status {s} is neither open nor closed"));
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var until = end ?? (start is { } s0 ? s0.AddDays(MostDays) : now);
        var from = start ?? until.AddDays(-MostDays);
        if (errors.Count == 0 && from > until)
        {
            errors.Add((400, "start_date is after end_date"));
        }
        if (errors.Count == 0 && (until - from).TotalDays > MostDays)
        {
            errors.Add((400, $"start_date and end_date may not span more than {MostDays} days"));
        }
        if (errors.Count > 0)
        {
            return Open311Format.Errors(format, errors);
        }
        var found = await queries.Open311Async(ids, codes, from, until, statuses, ct);
        return Open311Format.List(format, "service_requests", "request", found.Select(r => Fields(r, services)));
    }

    private static async Task<IResult> One(string id, string format, string? jurisdiction_id, RequestQueries queries, RequestServices services, IOptions<RequestsOptions> options, CancellationToken ct)
    {
        if (Refuse(format, jurisdiction_id, options) is { } refused)
        {
            return refused;
        }
        var found = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? await queries.Open311Async([n], [], null, null, [], ct) : [];
        return found.Count == 0
            ? Open311Format.Error(format, 404, $"service_request_id {id} not found")
            : Open311Format.List(format, "service_requests", "request", found.Select(r => Fields(r, services)));
    }

    private static async Task<IResult> Token(string token, string format, string? jurisdiction_id, PingyiDbContext db, IOptions<RequestsOptions> options, CancellationToken ct)
    {
        if (Refuse(format, jurisdiction_id, options) is { } refused)
        {
            return refused;
        }
        var id = await db.ServiceRequests.Where(r => r.Token == token).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        return id is null
            ? Open311Format.Error(format, 404, $"token {token} not found")
            : Open311Format.List(format, "service_requests", "request", [[new("service_request_id", id.Value), new("token", token)]]);
    }

    private static IReadOnlyList<Open311Field> Fields(Open311Request r, RequestServices services) =>
    [
        new("service_request_id", r.Id), new("status", r.Status == RequestStatus.Open ? "open" : "closed"), new("status_notes", r.StatusNotes),
        new("service_name", services.Find(r.ServiceCode)?.Name ?? r.ServiceCode), new("service_code", r.ServiceCode), new("description", r.Description),
        new("agency_responsible", r.Agency), new("service_notice", r.ServiceNotice), new("requested_datetime", r.RequestedAt), new("updated_datetime", r.UpdatedAt),
        new("expected_datetime", r.ExpectedAt), new("address", r.Address), new("address_id", null), new("zipcode", null),
        new("lat", r.Latitude), new("long", r.Longitude), new("media_url", r.MediaUrl),
    ];
}
