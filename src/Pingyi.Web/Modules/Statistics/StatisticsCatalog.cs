using Microsoft.Extensions.Options;
using Pingyi.Core.Commitments;
using Pingyi.Core.Evaluation;
using Pingyi.Core.Grading;
using Pingyi.Core.Ledger;
using Pingyi.Core.Membership;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Core.Petitions;
using Pingyi.Web.Modules.Grading;
using Pingyi.Web.Modules.Ledger;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;
using Pingyi.Web.Modules.Petitions;
using Pingyi.Web.Modules.Requests;
using Pingyi.Web.Modules.Training;

namespace Pingyi.Web.Modules.Statistics;

/// <summary>
/// Every number of the statistics board, once: the records it counts (so the list behind it is the same query) and the
/// targets the seeds set beside them. Live figures read the records as they are now; year figures read the records dated
/// in the year (reproducible for a past year as long as the records stand); grades are the year's published, frozen results.
/// Accusations (检举控告类) are left out of the petition figures: under §30 they are counted by the discipline body alone.
/// </summary>
public sealed class StatisticsCatalog
{
    public IReadOnlyList<Section> Sections { get; }

    private readonly Dictionary<string, Figure> _byKey;

    public StatisticsCatalog(IOptions<GradingOptions> grading, IOptions<TrainingTargets> training, IOptions<Modules.Coverage.CoverageOptions> coverage,
        IOptions<Modules.Venues.VenueOptions> venues)
    {
        Sections =
        [
            new("组织", [
                Organizations("org.all", "基层党组织", _ => true),
                Organizations("org.committees", "党委", o => o.Level == OrganizationLevel.TownshipCommittee || o.Level == OrganizationLevel.WorkingCommittee),
                Organizations("org.general", "党总支", o => o.Level == OrganizationLevel.GeneralBranch),
                Organizations("org.branches", "党支部", o => o.Level == OrganizationLevel.Branch),
                Organizations("org.village", "村党组织", o => o.Category == OrganizationCategory.Village),
                Organizations("org.community", "社区党组织", o => o.Category == OrganizationCategory.Community),
                Organizations("org.government", "机关事业单位党组织", o => o.Category == OrganizationCategory.GovernmentUnit),
                Organizations("org.newkinds", "两新组织党组织", o => o.Category == OrganizationCategory.NonPublicEnterprise || o.Category == OrganizationCategory.SocialOrganization),
            ], [], "现有组织，不含已合并、撤销的"),
            new("党员", [
                Members("mem.all", "党员", _ => true),
                Members("mem.probationary", "预备党员", p => p.MemberStatus == MemberStatus.Probationary),
                Members("mem.women", "女党员", p => p.Gender == Gender.Female),
                Aged("mem.age35", "35岁及以下", age => age <= 35),
                Aged("mem.age36", "36至45岁", age => age is >= 36 and <= 45),
                Aged("mem.age46", "46至60岁", age => age is >= 46 and <= 60),
                Aged("mem.age61", "61岁及以上", age => age >= 61),
                Members("mem.years5", "党龄不满5年", c => c.AsOf.AddYears(-5), after: true),
                Members("mem.years30", "党龄30年及以上", c => c.AsOf.AddYears(-30), after: false),
                Members("mem.edu.college", "大专及以上学历", p => p.Education >= EducationLevel.College),
                Members("mem.edu.high", "高中、中专学历", p => p.Education == EducationLevel.HighSchool),
                Members("mem.edu.junior", "初中及以下学历", p => p.Education == EducationLevel.JuniorOrBelow),
                Members("mem.edu.none", "学历未登记", p => p.Education == null),
            ], [new("女党员占比", "mem.women", "mem.all", null), new("35岁及以下占比", "mem.age35", "mem.all", null), new("大专及以上学历占比", "mem.edu.college", "mem.all", null)],
                "现有党员名册；年龄由身份证号在内存中计算，不保存出生日期"),
            new("发展党员", [
                Developing("dev.applicants", "入党申请人", d => d.Stage == DevelopmentStage.Applicant),
                Developing("dev.activists", "入党积极分子", d => d.Stage == DevelopmentStage.Activist),
                Developing("dev.candidates", "发展对象", d => d.Stage == DevelopmentStage.Candidate),
                Developing("dev.probationary", "培养中的预备党员", d => d.Stage == DevelopmentStage.Probationary),
                new QueryFigure("dev.admitted", "本年接收预备党员", c => c.Db.MemberDevelopments.Where(d => d.AdmittedOn >= c.YearStart && d.AdmittedOn <= c.YearEnd)
                    .Select(d => new FigureRow { Path = d.Organization!.Path, Organization = d.Organization.Name, Title = d.Person!.Name, On = d.AdmittedOn, Id = d.Id }), DevelopmentLink, "接收日期"),
                new QueryFigure("dev.confirmed", "本年转正", c => c.Db.MemberDevelopments.Where(d => d.ConfirmedOn >= c.YearStart && d.ConfirmedOn <= c.YearEnd)
                    .Select(d => new FigureRow { Path = d.Organization!.Path, Organization = d.Organization.Name, Title = d.Person!.Name, On = d.ConfirmedOn, Id = d.Id }), DevelopmentLink, "转正日期"),
            ], [], "在培养的入党申请人、积极分子、发展对象和预备党员（现状），本年接收和转正按日期计"),
            new("两新覆盖", [
                NewOrganizations("new.enterprises", "非公企业", n => n.Kind == Modules.Coverage.NewOrganizationKind.Enterprise),
                NewOrganizations("new.enterprises.covered", "已建党组织的非公企业", n => n.Kind == Modules.Coverage.NewOrganizationKind.Enterprise && n.Mode != Modules.Coverage.CoverageMode.None),
                NewOrganizations("new.social", "社会组织", n => n.Kind == Modules.Coverage.NewOrganizationKind.SocialOrganization),
                NewOrganizations("new.social.covered", "已建党组织的社会组织", n => n.Kind == Modules.Coverage.NewOrganizationKind.SocialOrganization && n.Mode != Modules.Coverage.CoverageMode.None),
                NewOrganizations("new.all", "两新组织", _ => true),
                NewOrganizations("new.work", "党的工作已覆盖", n => n.Mode != Modules.Coverage.CoverageMode.None || n.Instructor != null),
            ], [new("非公企业党组织覆盖率", "new.enterprises.covered", "new.enterprises", coverage.Value.Target), new("社会组织党组织覆盖率", "new.social.covered", "new.social", coverage.Value.Target),
                new("两新组织工作覆盖率", "new.work", "new.all", coverage.Value.Target)], "登记的非公企业和社会组织（现状）；工作覆盖含已选派党建工作指导员的"),
            new("基层阵地和村务公开", [
                Orgs("base.villages", "村（社区）党组织", VillageOrganizations.Is),
                VenuesMeeting("base.venues.meeting", "活动场所达标", venues.Value, meets: true),
                VenuesMeeting("base.venues.short", "活动场所未达标或未登记", venues.Value, meets: false),
                new QueryFigure("base.venues.standardized", "本年标准化建设活动场所", c => c.Db.Venues.Where(v => v.StandardizedOn >= c.YearStart && v.StandardizedOn <= c.YearEnd)
                    .Select(v => new FigureRow { Path = v.Organization!.Path, Organization = v.Organization.Name, Title = v.Organization.Name, On = v.StandardizedOn, Id = v.OrganizationId }),
                    VenueLink, "标准化建设完成日期"),
                Decisions("base.decisions", "本年村级重大事项决策", _ => true),
                Decisions("base.decisions.published", "决议已公开", d => d.PublishedOn != null),
                Decisions("base.decisions.notpassed", "表决未通过", d => d.State == Modules.OpenAffairs.DecisionState.NotPassed),
                new QueryFigure("base.pairings", "本年在结对的村（社区）", c =>
                    from o in c.Db.Organizations
                    where c.Db.BranchPairings.Any(p => p.VillageOrganizationId == o.Id && p.StartOn <= c.YearEnd && (p.EndOn == null || p.EndOn >= c.YearStart))
                    select new FigureRow { Path = o.Path, Organization = o.Name, Title = o.Name, Id = o.Id }, "/Organizations/Details/{0}"),
                new QueryFigure("base.proposals", "本年党代表提案", c => c.Db.DelegateDuties.Where(d => d.Kind == Modules.Delegates.DutyKind.Proposal && d.On >= c.YearStart && d.On <= c.YearEnd)
                    .Select(d => new FigureRow { Path = d.Addressed!.Path, Organization = d.Addressed.Name, Title = d.Subject, Detail = d.Person!.Name, On = d.On, Id = d.Id }), "/Delegates/Details/{0}", "提出日期"),
                new QueryFigure("base.proposals.answered", "提案已答复", c => c.Db.DelegateDuties.Where(d => d.Kind == Modules.Delegates.DutyKind.Proposal && d.On >= c.YearStart && d.On <= c.YearEnd && d.Answer != null)
                    .Select(d => new FigureRow { Path = d.Addressed!.Path, Organization = d.Addressed.Name, Title = d.Subject, Detail = d.Person!.Name, On = d.AnsweredOn, Id = d.Id }), "/Delegates/Details/{0}", "答复日期"),
            ], [new("活动场所达标率", "base.venues.meeting", "base.villages", 1m), new("结对覆盖率", "base.pairings", "base.villages", null), new("提案答复率", "base.proposals.answered", "base.proposals", 1m)],
                "活动场所按现状对照标准（面积、运转经费、五个中心）；决策、结对和提案按本年度计；提案按承办单位计"),
            new("分类定级", [
                Grades("grade.all", "已定级组织", null),
                Grades("grade.advanced", "先进", OrganizationGrade.Advanced),
                Grades("grade.average", "一般", OrganizationGrade.Average),
                Grades("grade.lagging", "后进", OrganizationGrade.Lagging),
                new QueryFigure("grade.converted", "后进已转化", c =>
                    from r in c.Db.GradeResults
                    where r.Year == c.Year && r.PublishedGrade == OrganizationGrade.Lagging
                        && c.Db.ConversionMeasures.Any(m => m.GradeResultId == r.Id)
                        && !c.Db.ConversionMeasures.Any(m => m.GradeResultId == r.Id && m.LedgerItem!.State != LedgerState.ClosedOut)
                    select new FigureRow { Path = r.Organization!.Path, Organization = r.Organization.Name, Title = r.Organization.Name, Id = r.OrganizationId }, GradeLink),
                new QueryFigure("grade.published.lagging", "定级时后进", c =>
                    from r in c.Db.GradeResults
                    where r.Year == c.Year && r.PublishedGrade == OrganizationGrade.Lagging
                    select new FigureRow { Path = r.Organization!.Path, Organization = r.Organization.Name, Title = r.Organization.Name, Id = r.OrganizationId }, GradeLink),
            ], [new("先进占比", "grade.advanced", "grade.all", grading.Value.AdvancedTarget), new("后进转化率", "grade.converted", "grade.published.lagging", grading.Value.ConversionTarget)],
                "本年度已发布的定级结果（发布时冻结，之后只有动态升降级）"),
            new("承诺践诺", [
                Commitments("com.published", "已亮诺", m => m.State == CommitmentState.Published || m.State == CommitmentState.Fulfilled || m.State == CommitmentState.Unfulfilled),
                Commitments("com.fulfilled", "已兑现", m => m.State == CommitmentState.Fulfilled),
                Commitments("com.unfulfilled", "未兑现", m => m.State == CommitmentState.Unfulfilled),
                Stars("com.rated", "已评星", 1),
                Stars("com.stars3", "三星及以上", StarThresholds.PriorityStars),
                Stars("com.stars5", "五星", 5),
                new QueryFigure("com.topten", "十佳承诺", c =>
                    from n in c.Db.TopTenNominations
                    join m in c.Db.Commitments on n.CommitmentId equals m.Id
                    where n.Year == c.Year && c.Db.Meetings.Any(x => x.Id == n.MeetingId && x.PublishedAt != null)
                        && c.Db.MeetingResults.Any(r => r.MeetingId == n.MeetingId && r.ReporterId == n.ReporterId && r.Position <= Modules.Commitments.TopTenNomination.Places)
                    select new FigureRow { Path = m.Organization!.Path, Organization = m.Organization.Name, Title = m.Title, Detail = m.PersonName, Id = m.Id }, CommitmentLink),
            ], [new("兑现率", "com.fulfilled", "com.published", null), new("三星及以上占比", "com.stars3", "com.rated", null)],
                "本年度的承诺；星级按已发布的三评结果和评议开始时的星级分数线"),
            new("整改台账", [
                Ledger("ledger.all", "问题", _ => true),
                Ledger("ledger.closed", "已销号", i => i.State == LedgerState.ClosedOut),
                Ledger("ledger.overdue", "逾期未销号", c => LedgerOverdue.On(c.Today)),
            ], [new("销号率", "ledger.closed", "ledger.all", null)], "本年度登记的问题；逾期按今天计"),
            new("述职评议", [
                Results("meet.all", "述职评议对象", null),
                Results("meet.good", "好", Grade.Good),
                Results("meet.fair", "较好", Grade.FairlyGood),
                Results("meet.average", "一般", Grade.Average),
                Results("meet.poor", "差", Grade.Poor),
            ], [new("好等次占比", "meet.good", "meet.all", null)], "本年度已发布的评议结果，不含演练"),
            new("培训", [
                Members("train.members", "党员", _ => true),
                new NamedMembersFigure("train.trained", "本年参训党员", c => MemberQuery(c).Select(MemberRow),
                    c => c.Db.TrainingAttendances.Where(a => c.Db.TrainingCourses.Any(k => k.Id == a.CourseId && k.StartOn >= c.YearStart && k.StartOn <= c.YearEnd))
                        .Select(a => a.PersonId), PersonLink, Joined),
            ], [new("党员培训覆盖率", "train.trained", "train.members", training.Value.Members)], "本年度开班的培训"),
            new("信访和群众诉求", [
                Petitions("pet.received", "受理登记信访件", _ => true),
                Petitions("pet.accepted", "本级受理", p => p.AcceptedOn != null),
                Petitions("pet.open", "办理中", p => p.Status == PetitionStatus.Registered || p.Status == PetitionStatus.Accepted || p.Status == PetitionStatus.InReview),
                PetitionFamily.Figure("pet.overdue", "超期未办结", c => PetitionQueries.Overdue(c.Today)),
                Petitions("pet.rated", "已评价", p => p.Rating != null),
                Petitions("pet.satisfied", "满意和基本满意", p => p.Rating == PetitionRating.Satisfied || p.Rating == PetitionRating.FairlySatisfied),
                Requests("req.all", "群众诉求", _ => true),
                Requests("req.closed", "诉求已办结", r => r.Status == RequestStatus.Closed),
            ], [new("信访满意率", "pet.satisfied", "pet.rated", null), new("诉求办结率", "req.closed", "req.all", null)],
                "本年度收到的信访件（检举控告类由纪检监察机关单独统计，§30）和群众诉求"),
        ];
        _byKey = Sections.SelectMany(s => s.Figures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
    }

    private const string PersonLink = "/People/Details/{0}";
    private const string GradeLink = "/Grading/Organization/{0}?year={1}";
    private const string PetitionLink = "/Petitions/Details/{0}";
    private const string Joined = "入党日期";
    private const string DevelopmentLink = "/Membership/Details/{0}";
    private const string Received = "登记日期";
    private const string VenueLink = "/Venues?edit={0}";

    public Figure? Find(string? key) => key is not null && _byKey.TryGetValue(key, out var figure) ? figure : null;

    private const string OrganizationLink = "/Organizations/Details/{0}";

    private static IQueryable<Organization> ActiveBelowCounty(FigureContext c) =>
        c.Db.Organizations.Where(o => o.Status == OrganizationStatus.Active && o.Level != OrganizationLevel.CountyCommittee
            && o.Level != OrganizationLevel.MunicipalCommittee && o.Level != OrganizationLevel.ProvincialCommittee);

    private static readonly System.Linq.Expressions.Expression<Func<Organization, FigureRow>> OrganizationRow =
        o => new FigureRow { Path = o.Path, Organization = o.Name, Title = o.Name, On = o.EstablishedOn, Id = o.Id };

    private static readonly FigureFamily<Organization> OrganizationFamily = new(ActiveBelowCounty, o => o.Path, OrganizationRow, OrganizationLink, "成立日期");

    private static FamilyFigure<Organization> Organizations(string key, string label, System.Linq.Expressions.Expression<Func<Organization, bool>> test) =>
        OrganizationFamily.Figure(key, label, test);

    /// <summary>Counted alone: the test reads the parent organization, which a family's grouped count cannot.</summary>
    private static QueryFigure Orgs(string key, string label, System.Linq.Expressions.Expression<Func<Organization, bool>> test) =>
        new(key, label, c => ActiveBelowCounty(c).Where(test).Select(OrganizationRow), OrganizationLink, "成立日期");

    private static IQueryable<Person> MemberQuery(FigureContext c) => MembersIn(c.Db);

    /// <summary>The members the board counts (the roster of <see cref="FigureContext.Roster"/> and every member figure).</summary>
    public static IQueryable<Person> MembersIn(Data.PingyiDbContext db) => db.People.Where(p => p.MemberStatus != MemberStatus.None && p.OrganizationId != null);

    private static readonly System.Linq.Expressions.Expression<Func<Person, FigureRow>> MemberRow =
        p => new FigureRow { Path = p.Organization!.Path, Organization = p.Organization.Name, Title = p.Name, On = p.JoinedOn, Id = p.Id };

    private static readonly FigureFamily<Person> MemberFamily = new(MemberQuery, p => p.Organization!.Path, MemberRow, PersonLink, Joined);

    private static FamilyFigure<Person> Members(string key, string label, System.Linq.Expressions.Expression<Func<Person, bool>> test) => MemberFamily.Figure(key, label, test);

    /// <summary>Years of membership against a day of the context: joined after it (<paramref name="after"/>) or on or before it.</summary>
    private static FamilyFigure<Person> Members(string key, string label, Func<FigureContext, DateOnly> day, bool after) =>
        MemberFamily.Figure(key, label, c =>
        {
            var d = day(c);
            return after ? p => p.JoinedOn != null && p.JoinedOn > d : p => p.JoinedOn != null && p.JoinedOn <= d;
        });

    private static AgeFigure Aged(string key, string label, Func<int, bool> age) => new(key, label, AgedMembers, age);

    /// <summary>The people of every age band: one query object, so the bands of one count read the members once.</summary>
    private static readonly Func<FigureContext, IQueryable<AgedRow>> AgedMembers = c =>
        MemberQuery(c).Select(p => new AgedRow { Path = p.Organization!.Path, Organization = p.Organization.Name, Title = p.Name, On = p.JoinedOn, Id = p.Id });

    private static readonly FigureFamily<Modules.Membership.MemberDevelopment> DevelopmentFamily = new(c => c.Db.MemberDevelopments, d => d.Organization!.Path,
        d => new FigureRow { Path = d.Organization!.Path, Organization = d.Organization.Name, Title = d.Person!.Name, On = d.AppliedOn, Id = d.Id }, DevelopmentLink, "递交申请日期");

    private static FamilyFigure<Modules.Membership.MemberDevelopment> Developing(string key, string label,
        System.Linq.Expressions.Expression<Func<Modules.Membership.MemberDevelopment, bool>> test) => DevelopmentFamily.Figure(key, label, test);

    private static readonly FigureFamily<Modules.Coverage.NewOrganization> NewOrganizationFamily = new(c => c.Db.NewOrganizations, n => n.Organization!.Path,
        n => new FigureRow { Path = n.Organization!.Path, Organization = n.Organization.Name, Title = n.Name, Detail = n.Instructor, On = n.CoveredOn, Id = n.Id },
        "/Coverage?edit={0}", "建立党组织日期");

    private static FamilyFigure<Modules.Coverage.NewOrganization> NewOrganizations(string key, string label,
        System.Linq.Expressions.Expression<Func<Modules.Coverage.NewOrganization, bool>> test) => NewOrganizationFamily.Figure(key, label, test);

    /// <summary>Villages and communities whose venue meets the standard — or, <paramref name="meets"/> false, does not or is not registered.</summary>
    private static QueryFigure VenuesMeeting(string key, string label, Modules.Venues.VenueOptions standard, bool meets)
    {
        var (minArea, minFunds) = ((double)standard.MinArea, (double)standard.MinFunds);
        return new(key, label, c =>
        from o in VillageOrganizations.Active(c.Db.Organizations)
        // Compared as numbers: SQLite keeps decimals as text, where "120" sorts before "90".
        where c.Db.Venues.Any(v => v.OrganizationId == o.Id && (double)v.Area >= minArea && (double)v.OperatingFunds >= minFunds
                && (v.Centres & Core.Venues.VenueCentres.All) == Core.Venues.VenueCentres.All) == meets
        select new FigureRow { Path = o.Path, Organization = o.Name, Title = o.Name, Id = o.Id }, VenueLink);
    }

    private static readonly FigureFamily<Modules.OpenAffairs.VillageDecision> DecisionFamily = new(
        c => c.Db.VillageDecisions.Where(d => d.ProposedOn >= c.YearStart && d.ProposedOn <= c.YearEnd), d => d.Organization!.Path,
        d => new FigureRow { Path = d.Organization!.Path, Organization = d.Organization.Name, Title = d.Title, On = d.ProposedOn, Id = d.Id }, "/OpenAffairs/Details/{0}", "提议日期");

    private static FamilyFigure<Modules.OpenAffairs.VillageDecision> Decisions(string key, string label,
        System.Linq.Expressions.Expression<Func<Modules.OpenAffairs.VillageDecision, bool>> test) => DecisionFamily.Figure(key, label, test);

    private static readonly FigureFamily<GradeResult> GradeFamily = new(c => c.Db.GradeResults.Where(r => r.Year == c.Year), r => r.Organization!.Path,
        r => new FigureRow { Path = r.Organization!.Path, Organization = r.Organization.Name, Title = r.Organization.Name, Id = r.OrganizationId }, GradeLink, "日期");

    private static FamilyFigure<GradeResult> Grades(string key, string label, OrganizationGrade? grade) =>
        GradeFamily.Figure(key, label, grade is { } g ? r => r.Grade == g : _ => true);

    private const string CommitmentLink = "/Commitments/Details/{0}";

    private static readonly FigureFamily<Modules.Commitments.Commitment> CommitmentFamily = new(c => c.Db.Commitments.Where(m => m.Year == c.Year), m => m.Organization!.Path,
        m => new FigureRow { Path = m.Organization!.Path, Organization = m.Organization.Name, Title = m.Title, Detail = m.PersonName, Id = m.Id }, CommitmentLink, "日期");

    private static FamilyFigure<Modules.Commitments.Commitment> Commitments(string key, string label,
        System.Linq.Expressions.Expression<Func<Modules.Commitments.Commitment, bool>> test) => CommitmentFamily.Figure(key, label, test);

    /// <summary>
    /// The year's commitments whose three evaluations (三评) are published with at least <paramref name="stars"/> stars: the score
    /// at or above that line of the evaluation (Core <see cref="StarThresholds.Stars"/>; one star is every score). Compared as
    /// numbers: SQLite keeps decimals as text, where "100" sorts before "80".
    /// </summary>
    private static FamilyFigure<RatedRow> Stars(string key, string label, int stars) => StarFamily.Figure(key, label, stars switch
    {
        5 => x => x.Score >= x.FiveStars,
        4 => x => x.Score >= x.FourStars,
        3 => x => x.Score >= x.ThreeStars,
        2 => x => x.Score >= x.TwoStars,
        _ => _ => true,
    });

    /// <summary>A commitment of the year (its row) with its published three-evaluation score and that evaluation's star lines.</summary>
    internal sealed class RatedRow
    {
        public FigureRow Row { get; init; } = new();

        public double Score { get; init; }

        public double TwoStars { get; init; }

        public double ThreeStars { get; init; }

        public double FourStars { get; init; }

        public double FiveStars { get; init; }
    }

    private static readonly FigureFamily<RatedRow> StarFamily = new(c =>
        from m in c.Db.Commitments
        where m.Year == c.Year
        join e in c.Db.CommitmentEvaluations on m.Id equals e.CommitmentId
        join r in c.Db.MeetingResults on new { e.MeetingId, e.ReporterId } equals new { r.MeetingId, r.ReporterId }
        where r.Composite != null && c.Db.Meetings.Any(x => x.Id == e.MeetingId && x.PublishedAt != null)
        select new RatedRow
        {
            Row = new FigureRow { Path = m.Organization!.Path, Organization = m.Organization.Name, Title = m.Title, Detail = m.PersonName, Id = m.Id },
            Score = (double)r.Composite!, TwoStars = (double)e.TwoStars, ThreeStars = (double)e.ThreeStars, FourStars = (double)e.FourStars, FiveStars = (double)e.FiveStars,
        },
        x => x.Row.Path, x => x.Row, CommitmentLink, "日期");

    private static readonly FigureFamily<LedgerItem> LedgerFamily = new(c => c.Db.LedgerItems.Where(i => i.CreatedAt >= c.YearStartUtc && i.CreatedAt < c.YearEndUtc),
        i => i.ResponsibleOrganization!.Path,
        i => new FigureRow { Path = i.ResponsibleOrganization!.Path, Organization = i.ResponsibleOrganization.Name, Title = i.Description, Detail = i.Category, On = i.Deadline, Id = i.Id },
        "/Ledger/Details/{0}", "整改时限");

    private static FamilyFigure<LedgerItem> Ledger(string key, string label, System.Linq.Expressions.Expression<Func<LedgerItem, bool>> test) => LedgerFamily.Figure(key, label, test);

    private static FamilyFigure<LedgerItem> Ledger(string key, string label, Func<FigureContext, System.Linq.Expressions.Expression<Func<LedgerItem, bool>>> rule) =>
        LedgerFamily.Figure(key, label, rule);

    /// <summary>A published result of a meeting held in the year (rehearsals left out): its row and its grade.</summary>
    internal sealed class GradedRow
    {
        public FigureRow Row { get; init; } = new();

        public Grade? Grade { get; init; }
    }

    private static readonly FigureFamily<GradedRow> ResultFamily = new(c =>
        from r in c.Db.MeetingResults
        join rep in c.Db.MeetingReporters on r.ReporterId equals rep.Id
        join m in c.Db.Meetings on r.MeetingId equals m.Id
        where !m.Rehearsal && m.PublishedAt != null && m.HeldOn >= c.YearStart && m.HeldOn <= c.YearEnd && r.Grade != null
        select new GradedRow
        {
            Row = new FigureRow { Path = rep.Organization!.Path, Organization = rep.Organization.Name, Title = rep.Name, Detail = m.Title, On = m.HeldOn, Id = m.Id },
            Grade = r.Grade,
        },
        x => x.Row.Path, x => x.Row, "/Meetings/Results/{0}", "评议日期");

    private static FamilyFigure<GradedRow> Results(string key, string label, Grade? grade) =>
        ResultFamily.Figure(key, label, grade is { } g ? x => x.Grade == g : _ => true);

    private static readonly FigureFamily<Petition> PetitionFamily = new(
        c => c.Db.Petitions.Where(p => p.Kind != PetitionKind.Accusation && p.ReceivedOn >= c.YearStart && p.ReceivedOn <= c.YearEnd), p => p.HandlingOrganization!.Path,
        p => new FigureRow { Path = p.HandlingOrganization!.Path, Organization = p.HandlingOrganization.Name, Title = p.Number, On = p.ReceivedOn, Id = p.Id }, PetitionLink, Received);

    private static FamilyFigure<Petition> Petitions(string key, string label, System.Linq.Expressions.Expression<Func<Petition, bool>> test) => PetitionFamily.Figure(key, label, test);

    private static readonly FigureFamily<ServiceRequest> RequestFamily = new(c => c.Db.ServiceRequests.Where(r => r.RequestedAt >= c.YearStartUtc && r.RequestedAt < c.YearEndUtc),
        r => r.Organization!.Path,
        r => new FigureRow { Path = r.Organization!.Path, Organization = r.Organization.Name, Title = r.Description, Detail = r.ServiceCode, Id = r.Id }, "/Requests/Details/{0}", "日期");

    private static FamilyFigure<ServiceRequest> Requests(string key, string label, System.Linq.Expressions.Expression<Func<ServiceRequest, bool>> test) => RequestFamily.Figure(key, label, test);
}
