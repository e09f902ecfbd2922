using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Data;

/// <summary>
/// The one context of the platform. Each database provider has a subclass that owns its own
/// migrations (docs/decisions/0002).
/// </summary>
public abstract class PingyiDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<long>, long>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<OrganizationEvent> OrganizationEvents => Set<OrganizationEvent>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<CadrePosition> CadrePositions => Set<CadrePosition>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PingyiDbContext).Assembly);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await AuditChain.WriteLock.WaitAsync(cancellationToken);
        try
        {
            await AuditChain.LinkPendingAsync(this, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            AuditChain.WriteLock.Release();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Time is stored in UTC; SQLite forgets the kind, so it is restored on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqlitePingyiDbContext(DbContextOptions<SqlitePingyiDbContext> options) : PingyiDbContext(options);

public sealed class PostgresPingyiDbContext(DbContextOptions<PostgresPingyiDbContext> options) : PingyiDbContext(options);
