using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Imports;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Meetings;
using Pingyi.Web.Modules.Notifications;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;
using Pingyi.Web.Modules.Supervision;

var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(commandLine.HostArgs);
builder.AddPingyiPlatform();
builder.AddPingyiAccounts();
builder.AddAccountAdministration();
builder.AddOrganizations();
builder.AddPeople();
builder.AddImports();
builder.AddAudit();
builder.AddMeetings();
builder.AddLedger();
builder.AddDemo();

var app = builder.Build();
if (await app.RunCommandAsync(commandLine))
{
    return;
}
await app.PrepareAsync();

app.UsePingyiPlatform();
app.MapAccountsApi();
app.MapAccountAdministrationApi();
app.MapOrganizationsApi();
app.MapPeopleApi();
app.MapImportsApi();
app.MapAuditApi();
app.MapMeetingsApi();
app.MapLedgerApi();
app.MapNotificationsApi();
app.MapSupervisionApi();
app.MapHub<MeetingHub>(MeetingHub.Path);

app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Pingyi 评议 is listening on {string.Join(", ", app.Urls)} — sign in as 'admin'."));
app.Run();

public partial class Program;
