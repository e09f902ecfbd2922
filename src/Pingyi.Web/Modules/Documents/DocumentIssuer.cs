using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pingyi.Web.Modules.Organizations;

namespace Pingyi.Web.Modules.Documents;

/// <summary>
/// An organization that issues official documents under its formal name (中共青山县委员会, not 青山县委) and numbers
/// them with its prefix (青组通 → 青组通〔2026〕12号). A setting of the county, kept by its administrators.
/// </summary>
public sealed class DocumentIssuer
{
    public const int NameMax = 40;

    public const int PrefixMax = 12;

    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>The formal name: the red issuer mark, the signature and the colophon.</summary>
    public required string Name { get; set; }

    /// <summary>The issuer's abbreviation and kind of document in the number, e.g. 青组通.</summary>
    public required string Prefix { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The register of issued documents (发文登记): every number handed out, per issuer and year, once per document —
/// downloading a notice again gives it the number it was issued with.
/// </summary>
public sealed class IssuedDocument
{
    public long Id { get; set; }

    public long IssuerOrganizationId { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }

    /// <summary>The whole number as issued: 青组通〔2026〕12号.</summary>
    public required string Number { get; set; }

    public required string Issuer { get; set; }

    /// <summary>What the document is about, unique: "meeting:12:notice:34".</summary>
    public required string Subject { get; set; }

    public required string Title { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class DocumentIssuerConfiguration : IEntityTypeConfiguration<DocumentIssuer>
{
    public void Configure(EntityTypeBuilder<DocumentIssuer> b)
    {
        b.Property(x => x.Name).HasMaxLength(DocumentIssuer.NameMax);
        b.Property(x => x.Prefix).HasMaxLength(DocumentIssuer.PrefixMax);
        b.HasIndex(x => x.OrganizationId).IsUnique();
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.Property(x => x.Number).HasMaxLength(60);
        b.Property(x => x.Issuer).HasMaxLength(DocumentIssuer.NameMax);
        b.Property(x => x.Subject).HasMaxLength(120);
        b.Property(x => x.Title).HasMaxLength(300);
        b.HasIndex(x => new { x.IssuerOrganizationId, x.Year, x.Sequence }).IsUnique();
        b.HasIndex(x => x.Subject).IsUnique();
    }
}
