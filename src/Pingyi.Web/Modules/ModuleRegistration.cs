using Pingyi.Web.Modules.Demo;
using Pingyi.Web.Modules.Imports;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules;

public static class ModuleRegistration
{
    public static IHostApplicationBuilder AddOrganizations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationService>();
        builder.Services.AddScoped<OrganizationQueries>();
        return builder;
    }

    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleQueries>();
        builder.Services.AddScoped<PersonService>();
        return builder;
    }

    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RosterImport>();
        builder.Services.AddScoped<OrganizationImport>();
        builder.Services.AddScoped<Exports>();
        builder.Services.AddSingleton<ImportProgressRegistry>();
        return builder;
    }

    public static IHostApplicationBuilder AddAccountAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Accounts.AccountAdministration>();
        return builder;
    }

    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Audit.AuditQueries>();
        return builder;
    }

    public static IHostApplicationBuilder AddMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Meetings.MeetingService>();
        builder.Services.AddScoped<Meetings.MeetingQueries>();
        builder.Services.AddScoped<Meetings.MeetingResults>();
        builder.Services.AddSingleton<Meetings.BallotIntake>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Meetings.BallotIntake>());
        builder.Services.AddSingleton<Meetings.MeetingBoard>();
        builder.Services.AddSingleton<Meetings.RaterCodeGuard>();
        builder.Services.AddSignalR().AddJsonProtocol(o => Meetings.RulesJson.UseContractEnums(o.PayloadSerializerOptions.Converters));
        builder.Services.ConfigureHttpJsonOptions(o => Meetings.RulesJson.UseContractEnums(o.SerializerOptions.Converters));
        return builder;
    }

    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<Ledger.LedgerService>();
        builder.Services.AddScoped<Ledger.LedgerImport>();
        builder.Services.AddScoped<Ledger.LedgerDashboard>();
        builder.Services.AddScoped<Supervision.SupervisionService>();
        builder.Services.AddScoped<Supervision.BulletinService>();
        builder.Services.AddScoped<Supervision.YearEndReports>();
        builder.Services.AddScoped<Notifications.Notifier>();
        builder.Services.Configure<Ledger.LedgerOptions>(builder.Configuration.GetSection("Ledger"));
        builder.Services.AddSingleton<Ledger.LedgerEscalation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Ledger.LedgerEscalation>());
        return builder;
    }

    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoCounty>();
        builder.Services.AddScoped<DemoLedger>();
        builder.Services.AddScoped<DemoMeeting>();
        return builder;
    }
}
