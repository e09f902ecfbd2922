using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Data;

/// <summary>
/// The one context of the platform. Each database provider has a subclass that owns its own
/// migrations (docs/decisions/0002).
/// </summary>
public abstract class PingyiDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<long>, long>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (sign-in cookies, antiforgery), shared by every node.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<OrganizationEvent> OrganizationEvents => Set<OrganizationEvent>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<CadrePosition> CadrePositions => Set<CadrePosition>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Scheme> Schemes => Set<Scheme>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingReporter> MeetingReporters => Set<MeetingReporter>();

    public DbSet<MeetingGroup> MeetingGroups => Set<MeetingGroup>();

    public DbSet<RaterCode> RaterCodes => Set<RaterCode>();

    public DbSet<Ballot> Ballots => Set<Ballot>();

    public DbSet<Opinion> Opinions => Set<Opinion>();

    public DbSet<MeetingResult> MeetingResults => Set<MeetingResult>();

    public DbSet<Talk> Talks => Set<Talk>();

    public DbSet<LedgerItem> LedgerItems => Set<LedgerItem>();

    public DbSet<Modules.Commitments.Commitment> Commitments => Set<Modules.Commitments.Commitment>();

    public DbSet<Modules.Commitments.CommitmentItem> CommitmentItems => Set<Modules.Commitments.CommitmentItem>();

    public DbSet<Modules.Commitments.CommitmentEvent> CommitmentEvents => Set<Modules.Commitments.CommitmentEvent>();

    public DbSet<Modules.Commitments.CommitmentEvaluation> CommitmentEvaluations => Set<Modules.Commitments.CommitmentEvaluation>();

    public DbSet<Modules.Commitments.TopTenNomination> TopTenNominations => Set<Modules.Commitments.TopTenNomination>();

    public DbSet<Modules.Commitments.CommitmentEvidence> CommitmentEvidence => Set<Modules.Commitments.CommitmentEvidence>();

    public DbSet<Modules.Commitments.CommitmentLookBack> CommitmentLookBacks => Set<Modules.Commitments.CommitmentLookBack>();

    public DbSet<Modules.Grading.GradingScheme> GradingSchemes => Set<Modules.Grading.GradingScheme>();

    public DbSet<Modules.Grading.GradingInputRecord> GradingInputs => Set<Modules.Grading.GradingInputRecord>();

    public DbSet<Modules.Grading.GradingVeto> GradingVetoes => Set<Modules.Grading.GradingVeto>();

    public DbSet<Modules.Grading.GradeResult> GradeResults => Set<Modules.Grading.GradeResult>();

    public DbSet<Modules.Grading.GradeEvent> GradeEvents => Set<Modules.Grading.GradeEvent>();

    public DbSet<Modules.Grading.ConversionMeasure> ConversionMeasures => Set<Modules.Grading.ConversionMeasure>();

    public DbSet<Modules.Grading.MonthlyEvaluation> MonthlyEvaluations => Set<Modules.Grading.MonthlyEvaluation>();

    public DbSet<Modules.Awards.Award> Awards => Set<Modules.Awards.Award>();

    public DbSet<Modules.Awards.AwardNomination> AwardNominations => Set<Modules.Awards.AwardNomination>();

    public DbSet<Modules.Awards.AwardObjection> AwardObjections => Set<Modules.Awards.AwardObjection>();

    public DbSet<Modules.Archives.ArchiveQuarter> ArchiveQuarters => Set<Modules.Archives.ArchiveQuarter>();

    public DbSet<Modules.Archives.ArchiveScore> ArchiveScores => Set<Modules.Archives.ArchiveScore>();

    public DbSet<Modules.Archives.ArchivePlan> ArchivePlans => Set<Modules.Archives.ArchivePlan>();

    public DbSet<Modules.Training.TrainingCourse> TrainingCourses => Set<Modules.Training.TrainingCourse>();

    public DbSet<Modules.Training.TrainingAttendance> TrainingAttendances => Set<Modules.Training.TrainingAttendance>();

    public DbSet<Modules.Projects.Project> Projects => Set<Modules.Projects.Project>();

    public DbSet<Modules.Projects.ProjectMilestone> ProjectMilestones => Set<Modules.Projects.ProjectMilestone>();

    public DbSet<Modules.Projects.ProjectReport> ProjectReports => Set<Modules.Projects.ProjectReport>();

    public DbSet<Modules.Projects.ProjectAccountability> ProjectAccountabilities => Set<Modules.Projects.ProjectAccountability>();

    public DbSet<Modules.Stationing.StationAssignment> StationAssignments => Set<Modules.Stationing.StationAssignment>();

    public DbSet<Modules.Selection.ReverseEvaluationMeeting> ReverseEvaluationMeetings => Set<Modules.Selection.ReverseEvaluationMeeting>();

    public DbSet<Modules.Selection.SatisfactionSurvey> SatisfactionSurveys => Set<Modules.Selection.SatisfactionSurvey>();

    public DbSet<Modules.Selection.MeetingRecommendation> MeetingRecommendations => Set<Modules.Selection.MeetingRecommendation>();

    public DbSet<Modules.Accountability.AccountabilityList> AccountabilityLists => Set<Modules.Accountability.AccountabilityList>();

    public DbSet<Modules.Accountability.AccountabilityRecord> AccountabilityRecords => Set<Modules.Accountability.AccountabilityRecord>();

    public DbSet<Modules.Accountability.CadreNote> CadreNotes => Set<Modules.Accountability.CadreNote>();

    public DbSet<Modules.Accountability.AuditReport> AuditReports => Set<Modules.Accountability.AuditReport>();

    public DbSet<Modules.Accountability.AnalysisPlan> AnalysisPlans => Set<Modules.Accountability.AnalysisPlan>();

    public DbSet<Modules.Accountability.AnalysisRecord> AnalysisRecords => Set<Modules.Accountability.AnalysisRecord>();

    public DbSet<Modules.Accountability.CadreJudgement> CadreJudgements => Set<Modules.Accountability.CadreJudgement>();

    public DbSet<Modules.Stationing.StationEntry> StationEntries => Set<Modules.Stationing.StationEntry>();

    public DbSet<Modules.Stationing.StationCheckIn> StationCheckIns => Set<Modules.Stationing.StationCheckIn>();

    public DbSet<Modules.Stationing.StationEvaluation> StationEvaluations => Set<Modules.Stationing.StationEvaluation>();

    public DbSet<Modules.Selection.SelectionBatch> SelectionBatches => Set<Modules.Selection.SelectionBatch>();

    public DbSet<Modules.Selection.SelectionPost> SelectionPosts => Set<Modules.Selection.SelectionPost>();

    public DbSet<Modules.Selection.Nomination> Nominations => Set<Modules.Selection.Nomination>();

    public DbSet<Modules.Selection.CoSigner> CoSigners => Set<Modules.Selection.CoSigner>();

    public DbSet<Modules.Selection.SelectionRound> SelectionRounds => Set<Modules.Selection.SelectionRound>();

    public DbSet<Modules.Selection.RoundEntry> RoundEntries => Set<Modules.Selection.RoundEntry>();

    public DbSet<Modules.Selection.IntegrityReview> IntegrityReviews => Set<Modules.Selection.IntegrityReview>();

    public DbSet<LedgerEvent> LedgerEvents => Set<LedgerEvent>();

    public DbSet<LedgerEvidence> LedgerEvidence => Set<LedgerEvidence>();

    public DbSet<Modules.Notifications.Notification> Notifications => Set<Modules.Notifications.Notification>();

    public DbSet<Modules.Supervision.SupervisionVisit> SupervisionVisits => Set<Modules.Supervision.SupervisionVisit>();

    public DbSet<Modules.Supervision.DailyReport> DailyReports => Set<Modules.Supervision.DailyReport>();

    public DbSet<Modules.Supervision.WorkTask> WorkTasks => Set<Modules.Supervision.WorkTask>();

    public DbSet<Modules.Supervision.TaskAssignment> TaskAssignments => Set<Modules.Supervision.TaskAssignment>();

    public DbSet<Modules.Bulletins.Bulletin> Bulletins => Set<Modules.Bulletins.Bulletin>();

    public DbSet<Modules.Ledger.YearEndReport> YearEndReports => Set<Modules.Ledger.YearEndReport>();

    public DbSet<Modules.Documents.DocumentIssuer> DocumentIssuers => Set<Modules.Documents.DocumentIssuer>();

    public DbSet<Modules.Documents.IssuedDocument> IssuedDocuments => Set<Modules.Documents.IssuedDocument>();

    public DbSet<Modules.Calendar.CalendarYear> CalendarYears => Set<Modules.Calendar.CalendarYear>();

    public DbSet<Modules.Petitions.Petition> Petitions => Set<Modules.Petitions.Petition>();

    public DbSet<Modules.Petitions.PetitionEvent> PetitionEvents => Set<Modules.Petitions.PetitionEvent>();

    public DbSet<Modules.Petitions.PetitionReply> PetitionReplies => Set<Modules.Petitions.PetitionReply>();

    public DbSet<Modules.Petitions.PetitionFile> PetitionFiles => Set<Modules.Petitions.PetitionFile>();

    public DbSet<Modules.Petitions.ReceptionSlot> ReceptionSlots => Set<Modules.Petitions.ReceptionSlot>();

    public DbSet<Modules.Petitions.ReceptionBooking> ReceptionBookings => Set<Modules.Petitions.ReceptionBooking>();

    public DbSet<Modules.Requests.ServiceRequest> ServiceRequests => Set<Modules.Requests.ServiceRequest>();

    public DbSet<Modules.Requests.ServiceRequestEvent> ServiceRequestEvents => Set<Modules.Requests.ServiceRequestEvent>();

    public DbSet<Modules.Requests.Open311Key> Open311Keys => Set<Modules.Requests.Open311Key>();

    public DbSet<Modules.Requests.TenMostItem> TenMostItems => Set<Modules.Requests.TenMostItem>();

    public DbSet<Modules.Requests.ServiceRequestPhoto> ServiceRequestPhotos => Set<Modules.Requests.ServiceRequestPhoto>();

    public DbSet<Modules.Requests.GridGroup> GridGroups => Set<Modules.Requests.GridGroup>();

    public DbSet<Modules.Requests.ServiceTeam> ServiceTeams => Set<Modules.Requests.ServiceTeam>();

    public DbSet<Modules.Requests.ServiceTeamMember> ServiceTeamMembers => Set<Modules.Requests.ServiceTeamMember>();

    public DbSet<Modules.Requests.PairedHousehold> PairedHouseholds => Set<Modules.Requests.PairedHousehold>();

    public DbSet<Modules.Requests.HouseholdVisit> HouseholdVisits => Set<Modules.Requests.HouseholdVisit>();

    public DbSet<Modules.Membership.MemberDevelopment> MemberDevelopments => Set<Modules.Membership.MemberDevelopment>();

    public DbSet<Modules.Membership.DevelopmentEntry> DevelopmentEntries => Set<Modules.Membership.DevelopmentEntry>();

    public DbSet<Modules.Coverage.NewOrganization> NewOrganizations => Set<Modules.Coverage.NewOrganization>();

    public DbSet<Modules.OpenAffairs.VillageDecision> VillageDecisions => Set<Modules.OpenAffairs.VillageDecision>();

    public DbSet<Modules.OpenAffairs.VillageDecisionStep> VillageDecisionSteps => Set<Modules.OpenAffairs.VillageDecisionStep>();

    public DbSet<Modules.OpenAffairs.MicroPower> MicroPowers => Set<Modules.OpenAffairs.MicroPower>();

    public DbSet<Modules.OpenAffairs.OpennessRating> OpennessRatings => Set<Modules.OpenAffairs.OpennessRating>();

    public DbSet<Modules.Pairing.BranchPairing> BranchPairings => Set<Modules.Pairing.BranchPairing>();

    public DbSet<Modules.Pairing.PairingActivity> PairingActivities => Set<Modules.Pairing.PairingActivity>();

    public DbSet<Modules.Venues.Venue> Venues => Set<Modules.Venues.Venue>();

    public DbSet<Modules.Delegates.DelegateDuty> DelegateDuties => Set<Modules.Delegates.DelegateDuty>();

    public DbSet<Modules.Delegates.CommitteeObservation> CommitteeObservations => Set<Modules.Delegates.CommitteeObservation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PingyiDbContext).Assembly);
    }

    /// <summary>
    /// Saves; when audit entries are among the changes they are chained to the last stored entry
    /// under a database-wide lock held until the transaction commits, so concurrent writers — other
    /// requests, other processes — can never fork the chain. SQLite's write lock is taken when the
    /// transaction begins (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // Our own transaction exists only for this save: a savepoint inside it would be wasted statements.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = savepoints && own is null;
        try
        {
            if (Database.IsNpgsql())
            {
                await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChain.LockKey})", cancellationToken);
            }
            await AuditChain.LinkPendingAsync(this, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
            if (own is not null)
            {
                await own.DisposeAsync();
            }
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

public sealed class SqlitePingyiDbContext(DbContextOptions<SqlitePingyiDbContext> options) : PingyiDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no decimal type: an exact decimal is kept as its invariant text, digits and scale as they
        // were (the provider's own conversion would drop trailing zeros). PostgreSQL keeps it as numeric.
        configurationBuilder.Properties<decimal>().HaveConversion<ExactDecimalText>();
    }

    private sealed class ExactDecimalText() : ValueConverter<decimal, string>(
        v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        v => decimal.Parse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class PostgresPingyiDbContext(DbContextOptions<PostgresPingyiDbContext> options) : PingyiDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // A subtree is "Path LIKE '/1/4/%'". PostgreSQL answers that from the B-tree index, and estimates how many rows match,
        // only under the C collation (the database's default, en_US.UTF-8 or even C.UTF-8, forbids both: every scoped query then
        // read all organizations of a province and its audit list the whole trail — docs/query-plans.md). Paths are digits
        // and slashes, so C orders them as well as any.
        modelBuilder.Entity<Modules.Organizations.Organization>().Property(o => o.Path).UseCollation("C");
        modelBuilder.Entity<Modules.Audit.AuditEntry>().Property(a => a.OrganizationPath).UseCollation("C");
    }
}
