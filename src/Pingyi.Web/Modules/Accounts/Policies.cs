using System.Security.Claims;

namespace Pingyi.Web.Modules.Accounts;

/// <summary>
/// Who may do what, named once: each policy is a set of roles, registered as an authorization policy
/// for endpoints and pages (<c>RequireAuthorization(Policies.Editors)</c>, <c>[Authorize(Policy = …)]</c>)
/// and asked of a user in services (<c>user.Allows(Policies.Editors)</c>) and when choosing whom to notify.
/// </summary>
public static class Policies
{
    /// <summary>May change organizations, rosters, accounts and meetings.</summary>
    public const string Editors = nameof(Editors);

    /// <summary>The responsible side of a ledger item: starts, reports progress, submits.</summary>
    public const string LedgerWorkers = nameof(LedgerWorkers);

    /// <summary>The supervising side of a ledger item: closes out, sends back, extends.</summary>
    public const string LedgerSupervisors = nameof(LedgerSupervisors);

    /// <summary>Either side of a ledger item: may add items by hand and import them.</summary>
    public const string LedgerStaff = nameof(LedgerStaff);

    /// <summary>Plans and records supervision visits, assigns tasks, publishes bulletins.</summary>
    public const string SupervisionPlanners = nameof(SupervisionPlanners);

    /// <summary>May report an assigned task done.</summary>
    public const string TaskWorkers = nameof(TaskWorkers);

    /// <summary>Writes and submits a commitment (报诺) and reports its progress (践诺): the branch, its secretary.</summary>
    public const string CommitmentMakers = nameof(CommitmentMakers);

    /// <summary>The superior side of a commitment: approves or sends back, publishes, closes out (定诺, 亮诺, 销诺).</summary>
    public const string CommitmentReviewers = nameof(CommitmentReviewers);

    /// <summary>Grading: versions of the scheme, vetoes, publishing a year's grades and changing a grade — the organization department.</summary>
    public const string Graders = nameof(Graders);

    /// <summary>Grading inputs (monthly evaluations, quarterly self-assessments, annual assessments) and conversion measures.</summary>
    public const string GradingRecorders = nameof(GradingRecorders);

    /// <summary>Who may record some grading input: the recorders, and a branch's secretary for its own quarterly self-assessment.</summary>
    public const string GradingSelfAssessors = nameof(GradingSelfAssessors);

    /// <summary>Commendations: award types and quotas, review of nominations, publicity and objections, approval, publication — the organization department.</summary>
    public const string Awarders = nameof(Awarders);

    /// <summary>Nominates organizations and persons of their subtree for an award, and withdraws their nominations.</summary>
    public const string Nominators = nameof(Nominators);

    /// <summary>Performance archives: starts quarterly reviews and sets the year's rule — the organization department and township committees.</summary>
    public const string ArchiveKeepers = nameof(ArchiveKeepers);

    /// <summary>Reads cadres' archives, rankings and the 点将台: the organization department, the superior committee (by scope) and the discipline body.</summary>
    public const string ArchiveReaders = nameof(ArchiveReaders);

    /// <summary>Registers county-leader projects and reports their progress: the organization department and the carrying organizations' administrators.</summary>
    public const string ProjectKeepers = nameof(ProjectKeepers);

    /// <summary>Cadre selection (干部选任): vacancy notices, nominations, competitive rounds — the organization department alone.</summary>
    public const string Selectors = nameof(Selectors);

    /// <summary>The integrity review before appointment: the discipline body assesses and its secretary signs, the party secretary signs.</summary>
    public const string IntegrityReviewers = nameof(IntegrityReviewers);

    /// <summary>Accountability (问责) and its encouragement side (reminder talks, clarifications, tolerated mistakes), cadre profiles: the organization department and the discipline body.</summary>
    public const string CadreSupervisors = nameof(CadreSupervisors);

    /// <summary>Petitions (信访): registers, routes and handles the cases of their units — administrators, the organization department, the discipline body.</summary>
    public const string PetitionStaff = nameof(PetitionStaff);

    /// <summary>Accusations against cadres (检举控告类, 信访工作条例 §30): the discipline body handles them.</summary>
    public const string AccusationHandlers = nameof(AccusationHandlers);

    /// <summary>Residents' requests (群众诉求): the township or unit responsible passes them on, notes and closes them; branch secretaries for their own.</summary>
    public const string RequestStaff = nameof(RequestStaff);

    /// <summary>Records member development (发展党员): the organization department, townships' administrators and branch secretaries.</summary>
    public const string MembershipKeepers = nameof(MembershipKeepers);

    /// <summary>Records villages' decisions by 四议两公开 and starts openness ratings: the organization department, townships' administrators and branch secretaries.</summary>
    public const string OpenAffairsKeepers = nameof(OpenAffairsKeepers);

    /// <summary>Keeps the county's micro-power list (小微权力清单): the organization department.</summary>
    public const string PowerListKeepers = nameof(PowerListKeepers);

    /// <summary>Records a branch's own work: the help and joint activities of its pairing (结对共建), members attending its meetings (党员旁听) — the organization department, administrators and secretaries.</summary>
    public const string BranchWorkers = nameof(BranchWorkers);

    /// <summary>Reads the statistics board of the scope and the lists behind its numbers: every staff role.</summary>
    public const string StatisticsReaders = nameof(StatisticsReaders);

    /// <summary>Reads and exports the audit trail.</summary>
    public const string AuditReaders = nameof(AuditReaders);

    /// <summary>Keeps the county's settings: document issuers and numbering, the work calendar.</summary>
    public const string SettingsKeepers = nameof(SettingsKeepers);

    private static readonly string[] EditorRoles = [Roles.SystemAdministrator, Roles.OrganizationDepartment, Roles.OrganizationAdministrator];
    private static readonly string[] WorkerRoles = [.. EditorRoles, Roles.Secretary];
    private static readonly string[] SupervisorRoles = [Roles.SystemAdministrator, Roles.OrganizationDepartment, Roles.Supervisor];
    private static readonly string[] PlannerRoles = [.. SupervisorRoles.Union(EditorRoles)];

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Editors] = EditorRoles,
        [LedgerWorkers] = WorkerRoles,
        [LedgerSupervisors] = SupervisorRoles,
        [LedgerStaff] = [.. WorkerRoles.Union(SupervisorRoles)],
        [SupervisionPlanners] = PlannerRoles,
        [TaskWorkers] = [.. WorkerRoles.Union(PlannerRoles)],
        [SettingsKeepers] = [Roles.SystemAdministrator, Roles.OrganizationDepartment],
        [CommitmentMakers] = WorkerRoles,
        [CommitmentReviewers] = EditorRoles,
        [Graders] = [Roles.SystemAdministrator, Roles.OrganizationDepartment],
        [GradingRecorders] = EditorRoles,
        [GradingSelfAssessors] = WorkerRoles,
        [Awarders] = [Roles.SystemAdministrator, Roles.OrganizationDepartment],
        [Nominators] = WorkerRoles,
        [ArchiveKeepers] = EditorRoles,
        [ArchiveReaders] = [.. EditorRoles, Roles.DisciplineInspection],
        [ProjectKeepers] = EditorRoles,
        [Selectors] = [Roles.SystemAdministrator, Roles.OrganizationDepartment],
        [IntegrityReviewers] = [Roles.DisciplineInspection, Roles.Secretary],
        [CadreSupervisors] = [Roles.SystemAdministrator, Roles.OrganizationDepartment, Roles.DisciplineInspection],
        [PetitionStaff] = [Roles.SystemAdministrator, Roles.OrganizationDepartment, Roles.OrganizationAdministrator, Roles.DisciplineInspection],
        [AccusationHandlers] = [Roles.DisciplineInspection],
        [RequestStaff] = WorkerRoles,
        [StatisticsReaders] = Roles.All,
        [MembershipKeepers] = WorkerRoles,
        [OpenAffairsKeepers] = WorkerRoles,
        [BranchWorkers] = WorkerRoles,
        [PowerListKeepers] = [Roles.SystemAdministrator, Roles.OrganizationDepartment],
        [AuditReaders] = [Roles.SystemAdministrator, Roles.OrganizationDepartment, Roles.DisciplineInspection],
    };

    /// <summary>True when the user holds one of the policy's roles.</summary>
    public static bool Allows(this ClaimsPrincipal? user, string policy) => user is not null && RolesOf[policy].Any(user.IsInRole);

    /// <summary>Refuses (403, with <paramref name="refusal"/> as the reason) a user the policy does not allow.</summary>
    public static void Require(this ClaimsPrincipal? user, string policy, string refusal)
    {
        if (!user.Allows(policy))
        {
            throw Infrastructure.RuleViolation.Forbidden(refusal);
        }
    }

    public static void Register(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesOf)
        {
            options.AddPolicy(name, p => p.RequireRole(roles));
        }
    }
}
