using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pingyi.Web.Modules.Requests;

/// <summary>Where a resident's request came from (seed 003: four-level grid groups; the public page; an Open311 client; staff).</summary>
public enum RequestSource
{
    GridGroup = 0,
    PublicPage = 1,
    Open311 = 2,
    Staff = 3,
}

public enum RequestStatus
{
    Open = 0,
    Closed = 1,
}

/// <summary>
/// A resident's service request (群众诉求, 党建 O2O): the service (category), the description, a location (an address and optional
/// WGS84 coordinates), the answers to the service's attributes, the branch or unit responsible, open or closed with status notes
/// the resident sees. The requester's name and phone are optional and encrypted; the Open311 feed never shows them.
/// </summary>
public sealed class ServiceRequest
{
    public const int DescriptionMax = 4000; // GeoReport v2: description ≤ 4,000 characters
    public const int AddressMax = 200;
    public const int NotesMax = 1000;

    public long Id { get; set; }

    public required string ServiceCode { get; set; }

    public required string Description { get; set; }

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>The service definition's attribute answers as a JSON object (code → value or values).</summary>
    public string? Attributes { get; set; }

    public string? MediaUrl { get; set; }

    public byte[]? RequesterName { get; set; }

    public byte[]? RequesterPhone { get; set; }

    public RequestSource Source { get; set; }

    /// <summary>A grid group's name (e.g. "东村三组群"), when it came from one: kept as it was named that day.</summary>
    public string? GridGroup { get; set; }

    /// <summary>The registered grid group it came from.</summary>
    public long? GridGroupId { get; set; }

    /// <summary>The keyed hash of the resident's 10-character tracking code (the code itself is shown once and not kept).</summary>
    public string? TrackingHash { get; set; }

    /// <summary>The resident's rating of the handling once it is closed (满意 / 基本满意 / 不满意), by the tracking code.</summary>
    public Core.Petitions.PetitionRating? Rating { get; set; }

    public DateTime? RatedAt { get; set; }

    /// <summary>The branch or unit responsible.</summary>
    public long OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }

    public RequestStatus Status { get; set; }

    /// <summary>Why the status is what it is, as the resident reads it (GeoReport v2 status_notes).</summary>
    public string? StatusNotes { get; set; }

    /// <summary>What will be done (GeoReport v2 service_notice).</summary>
    public string? ServiceNotice { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When an answer is expected (the service's days from the request).</summary>
    public DateTime ExpectedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The Open311 token (GET tokens/{token}) — the request is realtime, so the id is answered at once as well.</summary>
    public required string Token { get; set; }

    /// <summary>The Open311 client whose key filed it.</summary>
    public long? ClientKeyId { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>A step of a request: filed, assigned, a status note, closed.</summary>
public sealed class ServiceRequestEvent
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public required string Kind { get; set; }

    public required string Text { get; set; }

    public long? OrganizationId { get; set; }

    public required string UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A photo the resident attached on the public page.</summary>
public sealed class ServiceRequestPhoto
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public required string Path { get; set; }

    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }
}

/// <summary>An Open311 client's api_key, issued by the platform; only its hash is kept.</summary>
public sealed class Open311Key
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>, IEntityTypeConfiguration<ServiceRequestEvent>, IEntityTypeConfiguration<Open311Key>,
    IEntityTypeConfiguration<ServiceRequestPhoto>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.HasIndex(x => x.RequestedAt);
        b.HasIndex(x => new { x.OrganizationId, x.Status });
        // A subtree's requests of a year (the statistics board): an index range per organization, not the province's year.
        b.HasIndex(x => new { x.OrganizationId, x.RequestedAt });
        b.HasIndex(x => x.Token).IsUnique();
        b.HasIndex(x => x.TrackingHash).IsUnique();
        b.HasIndex(x => x.GridGroupId);
        b.Property(x => x.TrackingHash).HasMaxLength(64);
        // No foreign key to GridGroups: adding one would make SQLite rebuild the requests table outside a transaction on upgrade;
        // FileRequestHandler checks the group (one of the township's) and groups are never deleted.
        b.Property(x => x.ServiceCode).HasMaxLength(30);
        b.Property(x => x.Description).HasMaxLength(ServiceRequest.DescriptionMax);
        b.Property(x => x.Address).HasMaxLength(ServiceRequest.AddressMax);
        b.Property(x => x.Attributes).HasMaxLength(2000);
        b.Property(x => x.MediaUrl).HasMaxLength(500);
        b.Property(x => x.GridGroup).HasMaxLength(100);
        b.Property(x => x.StatusNotes).HasMaxLength(ServiceRequest.NotesMax);
        b.Property(x => x.ServiceNotice).HasMaxLength(ServiceRequest.NotesMax);
        b.Property(x => x.Token).HasMaxLength(40);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ServiceRequestEvent> b)
    {
        b.HasIndex(x => x.RequestId);
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.Text).HasMaxLength(ServiceRequest.NotesMax + 100);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Open311Key> b)
    {
        b.HasIndex(x => x.Hash).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Prefix).HasMaxLength(12);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<ServiceRequestPhoto> b)
    {
        b.HasIndex(x => x.RequestId);
        b.Property(x => x.Path).HasMaxLength(300);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
