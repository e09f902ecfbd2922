using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Ledger;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.Organizations;
using OrganizationDetails = Pingyi.Web.Modules.Organizations.DetailsModel;
using Pingyi.Web.Modules.People;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>
/// The user interface's text goes through <see cref="IStringLocalizer{UiText}"/> with the Chinese text as the key:
/// every key a page can ask for must have an English entry in <c>UiText.en.resx</c>.
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly CultureInfo English = new("en");

    [Fact]
    public void EveryKeyWrittenInAPageOrPageModel_HasAnEnglishEntry()
    {
        var web = Path.Combine(Repository.Root, "src", "Pingyi.Web", "Modules");
        var uses = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => ViewKey().Matches(File.ReadAllText(f)).Select(m => (File: f, Key: m.Groups[1].Value)))
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => CodeKey().Matches(File.ReadAllText(f)).Select(m => (File: f, Key: m.Groups[1].Value))))
            .ToList();

        var missing = uses.Where(u => !HasEnglish(u.Key)).Select(u => $"{Path.GetRelativePath(web, u.File)}: \"{u.Key}\"").Distinct().ToList();

        Assert.True(uses.Count > 500, $"found only {uses.Count} keys: the pattern no longer matches how pages ask for text");
        Assert.True(missing.Count == 0, "Keys with no English entry in UiText.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryLabelOfAnEnumeration_HasAnEnglishEntry()
    {
        var labels = Enum.GetValues<Grade>().Select(g => GradeText.Show(g))
            .Concat(Enum.GetValues<MeetingStage>().Select(GradeText.Stage))
            .Concat(Enum.GetValues<MeetingDirection>().Select(GradeText.Direction))
            .Concat(Enum.GetValues<ScoringState>().Select(GradeText.State))
            .Concat(Enum.GetValues<LedgerSource>().Select(LedgerText.Source))
            .Concat(Enum.GetValues<LedgerState>().Select(LedgerWorkflow.Chinese))
            .Concat(Enum.GetValues<LedgerAction>().Select(LedgerWorkflow.Chinese))
            .Concat(Enum.GetValues<OrganizationLevel>().Select(l => l.Chinese()))
            .Concat(Enum.GetValues<OrganizationCategory>().Where(c => c != OrganizationCategory.None).Select(c => c.Chinese()))
            .Concat(Enum.GetValues<OrganizationStatus>().Select(s => s.Chinese()))
            .Concat(Enum.GetValues<OrganizationEventKind>().Select(OrganizationDetails.EventName))
            .Concat(Enum.GetValues<MemberStatus>().Select(s => s.Chinese()))
            .Concat(Enum.GetValues<Gender>().Select(g => g.Chinese()))
            .Concat(Enum.GetValues<PositionTitle>().Select(t => t.Chinese()))
            .Concat(AccountAdministration.RoleNames.Values)
            .Concat(Enum.GetValues<Core.Archives.ArchiveKind>().Select(Web.Modules.Archives.ArchiveText.Kind))
            .Concat(Enum.GetValues<Core.Archives.YearCombination>().Select(Web.Modules.Archives.ArchiveText.Combination))
            .Concat(Enum.GetValues<Core.Archives.MissingQuarter>().Select(Web.Modules.Archives.ArchiveText.Missing))
            .Concat(Core.Archives.ArchiveYear.QuarterNames)
            .Concat(Enum.GetValues<Core.Projects.MilestoneStanding>().Select(Core.Projects.ProjectSchedule.Chinese))
            .Concat(Enum.GetValues<Web.Modules.Training.CourseKind>().Select(Web.Modules.Training.TrainingText.Kind))
            .Concat(Enum.GetValues<Core.Petitions.PetitionKind>().Select(Web.Modules.Petitions.PetitionText.Kind))
            .Concat(Enum.GetValues<Core.Petitions.PetitionChannel>().Select(Web.Modules.Petitions.PetitionText.Channel))
            .Concat(Enum.GetValues<Core.Petitions.PetitionStatus>().SelectMany(s => new[] { 0, 1, 2 }.Select(l => Web.Modules.Petitions.PetitionText.Status(s, l))))
            .Concat(Enum.GetValues<Core.Petitions.PetitionOpinion>().Select(Web.Modules.Petitions.PetitionText.Opinion))
            .Concat(Enum.GetValues<Core.Petitions.PetitionClosing>().Select(Web.Modules.Petitions.PetitionText.Closing))
            .Concat(Enum.GetValues<Core.Petitions.PetitionRating>().Select(Web.Modules.Petitions.PetitionText.Rating))
            .Concat(Enum.GetValues<Core.Petitions.PetitionRouting>().Select(Web.Modules.Petitions.PetitionText.Routing))
            .Concat(Enum.GetValues<Core.Petitions.NotAcceptedGround>().Select(Web.Modules.Petitions.PetitionText.Ground))
            .Concat(new[] { 0, 1, 2 }.Select(Core.Petitions.PetitionPeriods.ReplyName))
            .Concat(Enum.GetValues<Web.Modules.Petitions.BookingStatus>().Select(Web.Modules.Petitions.PetitionText.Booking))
            .Concat(Enum.GetValues<Web.Modules.Requests.RequestSource>().Select(Web.Modules.Requests.RequestText.Source))
            .Concat(new Web.Modules.Requests.RequestsOptions().Services.Select(s => s.Name))
            .Concat(Web.Modules.Requests.TenMostLists.Headings)
            .Concat(Enum.GetValues<Core.Membership.DevelopmentStage>().Select(Web.Modules.Membership.MembershipText.Stage))
            .Concat(Enum.GetValues<Core.Membership.DevelopmentStep>().Select(Web.Modules.Membership.MembershipText.Step))
            .Concat(Core.Membership.PriorityGroupNames.All.Select(g => g.Name))
            .Concat(Enum.GetValues<Web.Modules.Coverage.NewOrganizationKind>().Select(Web.Modules.Coverage.CoverageText.Kind))
            .Concat(Enum.GetValues<Web.Modules.Coverage.CoverageMode>().Select(Web.Modules.Coverage.CoverageText.Mode))
            .Concat(Enum.GetValues<Web.Modules.OpenAffairs.DecisionState>().Select(Web.Modules.OpenAffairs.OpenAffairsText.State))
            .Concat(Enum.GetValues<Web.Modules.Pairing.PairingHelp>().Select(Web.Modules.Pairing.PairingText.Help))
            .Concat(Enum.GetValues<Web.Modules.Delegates.DutyKind>().Select(Web.Modules.Delegates.DelegatesText.Kind))
            .Concat(Core.Venues.VenueStandard.CentreNames.Select(c => c.Name))
            .Concat(new Web.Modules.Statistics.StatisticsCatalog(Microsoft.Extensions.Options.Options.Create(new Web.Modules.Grading.GradingOptions()),
                Microsoft.Extensions.Options.Options.Create(new Web.Modules.Training.TrainingTargets()), Microsoft.Extensions.Options.Options.Create(new Web.Modules.Coverage.CoverageOptions()),
                Microsoft.Extensions.Options.Options.Create(new Web.Modules.Venues.VenueOptions())).Sections
                .SelectMany(s => new[] { s.Name, s.Note ?? "" }.Concat(s.Figures.SelectMany(f => new[] { f.Label, f.DateLabel })).Concat(s.Ratios.Select(r => r.Label))))
            .Where(l => l.Length > 0)
            .ToList();

        var missing = labels.Where(l => !HasEnglish(l)).Distinct().ToList();

        Assert.True(missing.Count == 0, "Labels with no English entry in UiText.en.resx: " + string.Join("、", missing));
    }

    /// <summary>Renders the demo county's pages in English and records every key the localizer could not find.</summary>
    [Fact]
    public async Task TheDemoCountysPages_InEnglish_AskForNoKeyWithoutAnEntry()
    {
        var misses = new ConcurrentDictionary<string, string>();
        await using var app = await TestApp.CreateAsync("Sqlite", services: s => s.Decorate(misses));
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(Seed: 5, TargetMembers: 1500));
            await AccountSeeding.EnsureAdministratorAsync(sp, sp.GetRequiredService<IConfiguration>(), NullLogger.Instance);
            await sp.GetRequiredService<DemoLedger>().GenerateAsync(40, seed: 5);
            await sp.GetRequiredService<DemoMeeting>().GenerateAsync();
            await sp.GetRequiredService<DemoCommitments>().GenerateAsync(5);
            await sp.GetRequiredService<DemoCommitments>().EvaluationAsync();
            await sp.GetRequiredService<DemoGrading>().GenerateAsync(5);
            await sp.GetRequiredService<DemoAwards>().GenerateAsync(5);
            await sp.GetRequiredService<DemoArchives>().GenerateAsync(5);
            await sp.GetRequiredService<DemoStationing>().GenerateAsync(5);
            await sp.GetRequiredService<DemoAccountability>().GenerateAsync();
            await sp.GetRequiredService<DemoPetitions>().GenerateAsync(5);
            await sp.GetRequiredService<DemoRequests>().GenerateAsync(5);
            await sp.GetRequiredService<DemoMembership>().GenerateAsync(5);
            await sp.GetRequiredService<DemoCoverage>().GenerateAsync(5);
            await sp.GetRequiredService<DemoOpenAffairs>().GenerateAsync(5);
            await sp.GetRequiredService<DemoPairing>().GenerateAsync(5);
            await sp.GetRequiredService<DemoVenues>().GenerateAsync(5);
            await sp.GetRequiredService<DemoDelegates>().GenerateAsync(5);
        });
        var admin = await app.SignInAsync("admin");
        var organization = await app.QueryAsync(db => db.Organizations.Where(o => o.ParentId != null).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var person = await app.QueryAsync(db => db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var meeting = await app.QueryAsync(db => db.Meetings.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        var item = await app.QueryAsync(db => db.LedgerItems.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var evaluated = await app.QueryAsync(db => db.CommitmentEvaluations.OrderBy(e => e.Id).Select(e => e.CommitmentId).FirstAsync());
        var lagging = await app.QueryAsync(db => db.GradeResults.Where(r => r.PublishedGrade == Core.Grading.OrganizationGrade.Lagging).OrderBy(r => r.Id)
            .Select(r => new { r.OrganizationId, r.Year }).FirstAsync());
        var award = await app.QueryAsync(db => db.Awards.Where(a => a.Stage == Core.Awards.AwardStage.Published).OrderBy(a => a.Id).Select(a => new { a.Id, a.Year }).FirstAsync());
        var stay = await app.QueryAsync(db => db.StationAssignments.Where(x => db.StationEvaluations.Any(e => e.AssignmentId == x.Id)).OrderBy(x => x.Id).Select(x => new { x.Id, x.PersonId }).FirstAsync());
        var cadre = await app.QueryAsync(db => db.ArchiveScores.Where(x => x.PersonId != null).OrderBy(x => x.Id).Select(x => new { x.PersonId, x.Year, x.HostOrganizationId }).FirstAsync());
        var heldToAccount = await app.QueryAsync(db => db.AccountabilityRecords.OrderBy(r => r.Id).Select(r => r.PersonId).FirstAsync());
        var analysisPlan = await app.QueryAsync(db => db.AnalysisPlans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var reverselyEvaluated = await app.QueryAsync(db => db.ReverseEvaluationMeetings.Where(e => db.Meetings.Any(m => m.Id == e.MeetingId && m.PublishedAt != null))
            .OrderBy(e => e.Id).Select(e => e.PersonId).FirstAsync());
        var petition = await app.QueryAsync(db => db.Petitions.Where(p => db.PetitionReplies.Any(r => r.PetitionId == p.Id) && p.Kind != Core.Petitions.PetitionKind.Accusation)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var registered = await app.QueryAsync(db => db.Petitions.Where(p => p.Status == Core.Petitions.PetitionStatus.Registered).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var request = await app.QueryAsync(db => db.ServiceRequests.Where(r => r.Status == Web.Modules.Requests.RequestStatus.Open).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var development = await app.QueryAsync(db => db.MemberDevelopments.Where(d => d.Stage == Core.Membership.DevelopmentStage.Candidate).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var developed = await app.QueryAsync(db => db.MemberDevelopments.Where(d => d.AdmittedOn != null).OrderBy(d => d.Id).Select(d => d.PersonId).FirstAsync());
        var newOrganization = await app.QueryAsync(db => db.NewOrganizations.OrderBy(n => n.Id).Select(n => n.Id).FirstAsync());
        var decision = await app.QueryAsync(db => db.VillageDecisions.Where(d => d.State == Web.Modules.OpenAffairs.DecisionState.InProgress).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var voted = await app.QueryAsync(db => db.VillageDecisions.Where(d => d.State != Web.Modules.OpenAffairs.DecisionState.InProgress).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var power = await app.QueryAsync(db => db.MicroPowers.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var proposal = await app.QueryAsync(db => db.DelegateDuties.Where(d => d.Kind == Web.Modules.Delegates.DutyKind.Proposal && d.Answer != null && d.LedgerItemId == null).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var waiting = await app.QueryAsync(db => db.DelegateDuties.Where(d => d.Answer == null).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var decisionVillage = await app.QueryAsync(db => db.Venues.OrderBy(v => v.Id).Select(v => v.OrganizationId).FirstAsync());
        var pairing = await app.QueryAsync(db => db.BranchPairings.Where(p => p.UnitOrganizationId != null).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        string[] pages =
        [
            "/", "/Organizations", $"/Organizations/Details/{organization}", "/People", $"/People/Details/{person}", "/Imports",
            "/Meetings", "/Meetings/Create", $"/Meetings/Details/{meeting}", $"/Meetings/Results/{meeting}", $"/Meetings/Board/{meeting}",
            "/Ledger", "/Ledger/Create", $"/Ledger/Details/{item}", "/Ledger/Dashboard", "/Ledger/YearEnd", "/Supervision",
            "/Bulletins", "/Public", "/Notifications", "/Audit", "/Accounts", "/Accounts/Tokens", "/Accounts/Password", "/Accounts/TwoFactor",
            "/Commitments", $"/Commitments/Details/{evaluated}", "/Public/Commitments", "/Grading", $"/Grading?year={lagging.Year}&track=Lagging",
            $"/Grading/Organization/{lagging.OrganizationId}?year={lagging.Year}", "/Grading/Schemes", "/Awards", $"/Awards?year={award.Year}", $"/Awards/Details/{award.Id}",
            $"/Public/Awards?year={award.Year}", $"/Archives?year={cadre.Year}", $"/Archives?year={cadre.Year}&host={cadre.HostOrganizationId}",
            $"/Archives?year={cadre.Year}&quarter=2&kind=TownshipTeam", $"/Archives?year={cadre.Year}&kind=SectionCadre", $"/Archives/Picking?year={cadre.Year}",
            $"/Archives/Picking?year={cadre.Year}&kind=SectionCadre", $"/Archives/Cadre/{cadre.PersonId}",
            "/Projects", "/Training", "/Stationing", "/Stationing?all=true", $"/Stationing/Details/{stay.Id}", $"/Archives/Cadre/{stay.PersonId}",
            "/Selection", "/Public/Selection", "/Accountability", "/Accountability/Lists", $"/Accountability/Cadre/{heldToAccount}", "/Accountability/Analysis", $"/Accountability/Analysis/{analysisPlan}", $"/Accountability/Cadre/{reverselyEvaluated}", "/Error?code=404",
            "/Petitions", "/Petitions?overdue=true", $"/Petitions/Details/{petition}", $"/Petitions/Details/{registered}", "/Public/Petitions", "/Public/Petitions/Track", "/Petitions/Receptions",
            "/Requests", $"/Requests/Details/{request}", "/Requests/Centre", "/Requests/TenMost",
            "/Membership", $"/Membership/Details/{development}", $"/People/Details/{developed}",
            "/Statistics", $"/Statistics?year={lagging.Year}", "/Statistics/List?key=mem.age35", $"/Statistics/List?key=grade.advanced&year={lagging.Year}", "/Statistics/Screen", "/Public/Statistics", "/Coverage", "/Coverage?covered=false", $"/Coverage?edit={newOrganization}",
            "/OpenAffairs", $"/OpenAffairs/Details/{decision}", $"/OpenAffairs/Details/{voted}", "/OpenAffairs/Powers", $"/OpenAffairs/Powers?edit={power}", "/Public/OpenAffairs",
            "/Pairing", "/Pairing?active=true", $"/Pairing/Details/{pairing}", "/Venues", "/Venues?below=true", $"/Venues?edit={decisionVillage}",
            "/Delegates", "/Delegates?answered=false", $"/Delegates/Details/{proposal}", $"/Delegates/Details/{waiting}",
        ];

        foreach (var page in pages)
        {
            var response = await admin.GetAsync(page + (page.Contains('?') ? "&" : "?") + "culture=en");
            Assert.True(response.IsSuccessStatusCode, $"{page}: {(int)response.StatusCode}");
            foreach (var key in misses.Where(m => m.Value.Length == 0).Select(m => m.Key))
            {
                misses[key] = page;
            }
        }

        Assert.True(misses.IsEmpty, "Keys asked for in English with no entry in UiText.en.resx:\n" + string.Join("\n", misses.Select(m => $"{m.Value}: \"{m.Key}\"")));
    }

    private static bool HasEnglish(string key)
    {
        var localizer = Localizer();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = English;
        try
        {
            return !localizer[key].ResourceNotFound || !Chinese().IsMatch(key);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(UiText));

    [GeneratedRegex("""(?<![\w.])T\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex ViewKey();

    [GeneratedRegex("""\blocalizer\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex CodeKey();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    internal static partial Regex Chinese();
}

/// <summary>Wraps the framework's localizer factory so that a test sees every Chinese key that had no entry.</summary>
internal static class RecordingLocalization
{
    public static void Decorate(this IServiceCollection services, ConcurrentDictionary<string, string> misses)
    {
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => new Factory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>(), misses));
    }

    private sealed class Factory(IStringLocalizerFactory inner, ConcurrentDictionary<string, string> misses) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new Recording(inner.Create(resourceSource), misses);

        public IStringLocalizer Create(string baseName, string location) => new Recording(inner.Create(baseName, location), misses);
    }

    private sealed class Recording(IStringLocalizer inner, ConcurrentDictionary<string, string> misses) : IStringLocalizer
    {
        public LocalizedString this[string name] => Record(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Record(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Record(LocalizedString s)
        {
            if (s.ResourceNotFound && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && LocalizationTests.Chinese().IsMatch(s.Name))
            {
                misses.TryAdd(s.Name, string.Empty);
            }
            return s;
        }
    }
}
