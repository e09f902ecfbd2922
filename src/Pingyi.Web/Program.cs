using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Bulletins;
using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Modules.Documents;
using Pingyi.Web.Modules.Imports;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.Notifications;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;
using Pingyi.Web.Modules.Supervision;

// Every module, once, in the order their services, middleware, endpoints and startup work are added.
// A module's parts live in Modules/<Module>/ and its entry point is <Module>Module.cs (docs/architecture.md).
PingyiModule[] modules =
[
    new AuditModule(),
    new AccountsModule(),
    new OrganizationsModule(),
    new PeopleModule(),
    new ImportsModule(),
    new NotificationsModule(),
    new MeetingsModule(),
    new LedgerModule(),
    new Pingyi.Web.Modules.Commitments.CommitmentsModule(),
    new Pingyi.Web.Modules.Grading.GradingModule(),
    new Pingyi.Web.Modules.Awards.AwardsModule(),
    new Pingyi.Web.Modules.Archives.ArchivesModule(),
    new Pingyi.Web.Modules.Projects.ProjectsModule(),
    new Pingyi.Web.Modules.Training.TrainingModule(),
    new Pingyi.Web.Modules.Stationing.StationingModule(),
    new Pingyi.Web.Modules.Selection.SelectionModule(),
    new Pingyi.Web.Modules.Accountability.AccountabilityModule(),
    new Pingyi.Web.Modules.Petitions.PetitionsModule(),
    new Pingyi.Web.Modules.Requests.RequestsModule(),
    new Pingyi.Web.Modules.Membership.MembershipModule(),
    new Pingyi.Web.Modules.Coverage.CoverageModule(),
    new Pingyi.Web.Modules.OpenAffairs.OpenAffairsModule(),
    new Pingyi.Web.Modules.Pairing.PairingModule(),
    new Pingyi.Web.Modules.Venues.VenuesModule(),
    new Pingyi.Web.Modules.Delegates.DelegatesModule(),
    new Pingyi.Web.Modules.Statistics.StatisticsModule(),
    new SupervisionModule(),
    new BulletinsModule(),
    new DocumentsModule(),
    new Pingyi.Web.Modules.Calendar.CalendarModule(),
    new HomeModule(),
    new DemoModule(),
];

var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(commandLine.HostArgs);
// Started from a build (not a publish) outside the project folder, e.g. `dotnet src/Pingyi.Web/bin/Release/net10.0/pingyi.dll`:
// the styles and scripts are found through the build's static web assets manifest instead of ./wwwroot.
if (!Directory.Exists(Path.Combine(builder.Environment.ContentRootPath, "wwwroot"))
    && File.Exists(Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json")))
{
    builder.WebHost.UseStaticWebAssets();
}
builder.AddPlatform(modules);

var app = builder.Build();
if (await app.RunCommandAsync(commandLine, modules))
{
    return;
}
await app.PrepareAsync(modules);
app.UsePlatform(modules);

app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Pingyi 评议 is listening on {string.Join(", ", app.Urls)} — sign in as 'admin'."));
app.Run();

public partial class Program;
