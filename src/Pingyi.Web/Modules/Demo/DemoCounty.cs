using Microsoft.EntityFrameworkCore;
using Pingyi.Core.Organizations;
using Pingyi.Core.People;
using Pingyi.Web.Data;
using Pingyi.Web.Infrastructure;
using Pingyi.Web.Modules.Audit;
using Pingyi.Web.Modules.Organizations;
using Pingyi.Web.Modules.People;

namespace Pingyi.Web.Modules.Demo;

/// <summary>
/// Builds the demo county from the figures in the sources (seed 002: 14 townships, 216 villages;
/// seed 004: industry-chain branches; about 40 county units): a deterministic function of the seed,
/// with generated names and valid-checksum ID numbers that belong to nobody.
/// </summary>
public sealed class DemoCounty(PingyiDbContext db, PiiProtector pii, AuditLog audit, TimeProvider clock)
{
    public sealed record Options(int Seed = 1, int TargetMembers = 20_000);

    public sealed record Result(int Organizations, int People);

    private static readonly string[] Townships =
        ["城关镇", "东湖镇", "西山乡", "南河镇", "北岭乡", "青石镇", "白云乡", "柳林镇", "杏花乡", "石桥镇", "龙泉乡", "凤凰镇", "桃源乡", "金沙镇"];

    private static readonly string[] CountyUnits =
        ["县委办公室", "县人大常委会办公室", "县政府办公室", "县政协办公室", "县纪委监委机关", "县委组织部", "县委宣传部", "县委统战部", "县委政法委", "县发展和改革委员会",
         "县教育局", "县科学技术局", "县工业和信息化局", "县公安局", "县民政局", "县司法局", "县财政局", "县人力资源和社会保障局", "县自然资源局", "县生态环境分局",
         "县住房和城乡建设局", "县交通运输局", "县水利局", "县农业农村局", "县商务局", "县文化广电和旅游局", "县卫生健康委员会", "县退役军人事务局", "县应急管理局", "县审计局",
         "县市场监督管理局", "县统计局", "县医疗保障局", "县信访局", "县林业局", "县乡村振兴局", "县人民法院", "县人民检察院", "县总工会", "团县委"];

    private static readonly string[] Enterprises =
        ["青山钼业有限公司", "宏达新材料有限公司", "绿源食品有限公司", "恒信机械制造有限公司", "华康药业有限公司", "金穗农业开发有限公司", "远航物流有限公司", "瑞丰纺织有限公司",
         "天成建材有限公司", "明德电子科技有限公司", "鑫源矿产有限公司", "山水文旅发展有限公司", "兴农合作社联合社", "博远陶瓷有限公司", "中原杜仲开发有限公司", "润泽水务有限公司",
         "盛世包装有限公司", "长青林果有限公司", "汇通商贸有限公司", "安泰新能源有限公司"];

    private static readonly string[] ChainBranches = ["杜仲种植", "红薯加工", "食用菌", "中药材", "乡村旅游", "电子商务"];

    private static readonly string[] SocialOrganizations = ["县个体劳动者协会", "县律师协会", "县志愿者协会", "县慈善总会", "县物流行业协会", "县民办教育协会", "县老年人体育协会", "县餐饮行业协会"];

    private static readonly string[] Projects = ["产业园区标准化厂房项目", "县城污水处理厂提标改造项目", "乡村公路提升改造项目"];

    private const string Surnames = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string GivenChars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌海波宁春燕辉鹏飞晓东雪琳亮成新宇峰凯浩然佳欣怡子涵振兴德福荣贵宏博丹萍慧倩俊杨帆林森健瑞祥云";
    private const string PlaceChars = "张李王刘杨陈赵黄周吴马孙胡朱高林郭何罗宋东西南北上下前后大小新老柳杏桃李槐松竹梅石河沟坡岭山湾坪店营庄屯寨堡桥门台口园圪塔";
    private const string PlaceSuffixes = "庄村洼坪沟湾岭营店寨";

    public async Task<Result> GenerateAsync(Options options, CancellationToken ct = default)
    {
        if (await db.Organizations.AnyAsync(ct))
        {
            throw new RuleViolation("数据库中已有组织，演示数据只能载入空数据库");
        }
        var random = new Random(options.Seed);
        // Education draws from its own sequence, so that adding it left every other figure of a seed as it was.
        var schooling = new Random(options.Seed + 9_001);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var organizations = new List<Organization>();
        var plan = new List<(Organization Org, int Members)>();
        var villageNames = new HashSet<string>();
        var established = new DateOnly(1949, 10, 1);

        await using var tx = await db.BeginWorkAsync(ct);
        var county = await AddAsync(new Organization { Code = "C000", Name = "青山县委", Level = OrganizationLevel.CountyCommittee, EstablishedOn = established, CreatedAt = now, UpdatedAt = now }, null);
        var townships = new List<Organization>();
        for (var t = 0; t < Townships.Length; t++)
        {
            townships.Add(await AddAsync(Org($"T{t + 1:00}", $"中共{Townships[t]}委员会", OrganizationLevel.TownshipCommittee, OrganizationCategory.None, t + 1), county));
        }
        var park = await AddAsync(Org("W01", "中共青山县产业集聚区工作委员会", OrganizationLevel.WorkingCommittee, OrganizationCategory.None, 15), county);
        var organs = await AddAsync(Org("W02", "中共青山县直属机关工作委员会", OrganizationLevel.WorkingCommittee, OrganizationCategory.None, 16), county);

        // The county's document issuers (settings a county keeps): the county committee, each township, the two working committees.
        db.DocumentIssuers.Add(new Documents.DocumentIssuer { OrganizationId = county.Id, Name = "中共青山县委员会", Prefix = "青组通", UpdatedAt = now });
        for (var t = 0; t < townships.Count; t++)
        {
            db.DocumentIssuers.Add(new Documents.DocumentIssuer { OrganizationId = townships[t].Id, Name = townships[t].Name, Prefix = $"{Townships[t][0]}党通", UpdatedAt = now });
        }
        db.DocumentIssuers.Add(new Documents.DocumentIssuer { OrganizationId = park.Id, Name = park.Name, Prefix = "青集工委", UpdatedAt = now });
        db.DocumentIssuers.Add(new Documents.DocumentIssuer { OrganizationId = organs.Id, Name = organs.Name, Prefix = "青直工委", UpdatedAt = now });

        // 216 villages over 14 townships (seed 002), the first six townships one more.
        for (var t = 0; t < townships.Count; t++)
        {
            var township = townships[t];
            plan.Add((township, 6));
            var villages = 15 + (t < 6 ? 1 : 0);
            for (var v = 0; v < villages; v++)
            {
                var name = VillageName(random, villageNames);
                var branch = Org($"{township.Code}-V{v + 1:00}", $"{name}党支部", OrganizationLevel.Branch, OrganizationCategory.Village, v + 1);
                plan.Add((branch, random.Next(45, 106)));
            }
            var communities = t == 0 ? 5 : t < 4 ? 1 : 0;
            for (var c = 0; c < communities; c++)
            {
                plan.Add((Org($"{township.Code}-C{c + 1:00}", $"{Townships[t]}{"东西南北中"[c]}街社区党支部", OrganizationLevel.Branch, OrganizationCategory.Community, 100 + c), random.Next(40, 90)));
            }
        }
        for (var i = 0; i < CountyUnits.Length; i++)
        {
            plan.Add((Org($"W02-G{i + 1:00}", $"{CountyUnits[i]}党支部", OrganizationLevel.Branch, OrganizationCategory.GovernmentUnit, i + 1), random.Next(18, 75)));
        }
        for (var i = 0; i < SocialOrganizations.Length; i++)
        {
            plan.Add((Org($"W02-S{i + 1:00}", $"{SocialOrganizations[i]}党支部", OrganizationLevel.Branch, OrganizationCategory.SocialOrganization, 100 + i), random.Next(5, 16)));
        }
        for (var i = 0; i < Enterprises.Length; i++)
        {
            plan.Add((Org($"W01-E{i + 1:00}", $"{Enterprises[i]}党支部", OrganizationLevel.Branch, OrganizationCategory.NonPublicEnterprise, i + 1), random.Next(6, 40)));
        }
        for (var i = 0; i < Projects.Length; i++)
        {
            plan.Add((Org($"W01-P{i + 1:00}", $"{Projects[i]}临时党支部", OrganizationLevel.Branch, OrganizationCategory.TemporaryProject, 100 + i), random.Next(5, 12)));
        }

        // Insert in plan order, resolving parents by code prefix.
        var byCode = townships.Concat([park, organs]).ToDictionary(o => o.Code);
        foreach (var (org, _) in plan)
        {
            if (org.Id != 0)
            {
                continue;
            }
            var parentCode = org.Code[..org.Code.IndexOf('-', StringComparison.Ordinal)];
            await AddAsync(org, byCode[parentCode]);
        }
        // The industry chain of seed 004: a general branch of six specialist branches in one township.
        var chainTownship = townships[1];
        var chain = await AddAsync(Org($"{chainTownship.Code}-L01", $"{Townships[1]}特色产业链党总支", OrganizationLevel.GeneralBranch, OrganizationCategory.IndustryChain, 200), chainTownship);
        for (var i = 0; i < ChainBranches.Length; i++)
        {
            var branch = await AddAsync(Org($"{chain.Code}-{i + 1}", $"{ChainBranches[i]}产业链党支部", OrganizationLevel.Branch, OrganizationCategory.IndustryChain, i + 1), chain);
            plan.Add((branch, random.Next(40, 110)));
        }
        // Party groups in the larger villages.
        foreach (var (org, members) in plan.Where(p => p.Org.Category == OrganizationCategory.Village && p.Members >= 90).ToList())
        {
            for (var g = 1; g <= 3; g++)
            {
                await AddAsync(Org($"{org.Code}-G{g}", $"第{"一二三"[g - 1]}党小组", OrganizationLevel.PartyGroup, OrganizationCategory.Village, g), org);
            }
        }
        await db.SaveChangesAsync(ct);

        // Scale member counts to the target, then create the people.
        var planned = plan.Sum(p => p.Members);
        var factor = (double)options.TargetMembers / planned;
        var ids = new HashSet<string>();
        var people = 0;
        var batch = new List<(Person Person, long OrgId, DateOnly Joined, PositionTitle? Title)>();
        foreach (var (org, members) in plan)
        {
            var count = Math.Max(3, (int)Math.Round(members * factor));
            for (var i = 0; i < count; i++)
            {
                var birth = new DateOnly(1945, 1, 1).AddDays(random.Next(0, 365 * 57));
                ResidentIdNumber id;
                do
                {
                    id = ResidentIdNumber.Create($"4199{random.Next(1, 30):00}", birth, random.Next(1, 1000));
                }
                while (!ids.Add(id.Value));
                var probationary = random.NextDouble() < 0.05;
                var earliest = birth.AddYears(19);
                var joined = probationary
                    ? today.AddDays(-random.Next(30, 330))
                    : earliest.AddDays(random.Next(0, Math.Max(1, today.AddYears(-2).DayNumber - earliest.DayNumber)));
                if (joined < earliest)
                {
                    joined = earliest;
                }
                var title = i switch
                {
                    0 => PositionTitle.Secretary,
                    1 => PositionTitle.DeputySecretary,
                    2 => PositionTitle.OrganizationCommissioner,
                    3 when org.Level == OrganizationLevel.TownshipCommittee => PositionTitle.DisciplineCommissioner,
                    _ => (PositionTitle?)null,
                };
                var roll = random.NextDouble();
                var representatives = roll < 0.02 ? RepresentativeRoles.PartyCongress : roll < 0.03 ? RepresentativeRoles.PeoplesCongress : roll < 0.035 ? RepresentativeRoles.Cppcc : RepresentativeRoles.None;
                var person = new Person
                {
                    Name = PersonName(random),
                    Gender = id.IsMale ? Gender.Male : Gender.Female,
                    IdNumberCipher = pii.Encrypt(id.Value),
                    IdNumberHash = pii.LookupHash(id.Value),
                    PhoneCipher = pii.Encrypt($"1{"3578"[random.Next(4)]}{random.Next(0, 1_000_000_000):000000000}"),
                    MemberStatus = probationary ? MemberStatus.Probationary : MemberStatus.Full,
                    JoinedOn = joined,
                    ConfirmedOn = probationary ? null : joined.AddYears(1) > today ? null : joined.AddYears(1),
                    Representatives = representatives,
                    Education = Education(schooling, birth.Year, title is not null),
                    OrganizationId = org.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                if (person.ConfirmedOn is null)
                {
                    person.MemberStatus = MemberStatus.Probationary;
                }
                batch.Add((person, org.Id, joined, title));
                people++;
                if (batch.Count >= 2000)
                {
                    await FlushAsync(batch, today, ct);
                }
            }
        }
        await FlushAsync(batch, today, ct);
        audit.Record("demo.generate", "Demo", options.Seed, county.Path, new { seed = options.Seed, organizations = organizations.Count, people });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Result(organizations.Count, people);

        Organization Org(string code, string name, OrganizationLevel level, OrganizationCategory category, int sort) => new()
        {
            Code = code, Name = name, Level = level, Category = category, SortOrder = sort,
            EstablishedOn = new DateOnly(1950 + random.Next(0, 70), random.Next(1, 13), random.Next(1, 29)), CreatedAt = now, UpdatedAt = now,
        };

        async Task<Organization> AddAsync(Organization org, Organization? parent)
        {
            org.ParentId = parent?.Id;
            org.Depth = parent is null ? 0 : parent.Depth + 1;
            db.Organizations.Add(org);
            await db.SaveChangesAsync(ct);
            org.Path = $"{parent?.Path ?? "/"}{org.Id}/";
            db.OrganizationEvents.Add(new OrganizationEvent
            {
                OrganizationId = org.Id, Kind = OrganizationEventKind.Created, EffectiveOn = org.EstablishedOn, RecordedAt = now,
                NewValue = org.Name, RelatedOrganizationId = parent?.Id, Reason = "演示数据", RecordedBy = "system",
            });
            organizations.Add(org);
            return org;
        }
    }

    private async Task FlushAsync(List<(Person Person, long OrgId, DateOnly Joined, PositionTitle? Title)> batch, DateOnly today, CancellationToken ct)
    {
        db.People.AddRange(batch.Select(b => b.Person));
        await db.SaveChangesAsync(ct);
        foreach (var (person, orgId, joined, title) in batch)
        {
            db.Memberships.Add(new People.Membership { PersonId = person.Id, OrganizationId = orgId, StartedOn = joined, Reason = "演示数据" });
            if (title is { } t)
            {
                db.CadrePositions.Add(new CadrePosition { PersonId = person.Id, OrganizationId = orgId, Title = t, TermStart = new DateOnly(today.Year < 2027 ? 2021 : 2026, 1, 1) });
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    internal static string PersonName(Random random)
    {
        var surname = Surnames[random.Next(Surnames.Length)];
        var given = GivenChars[random.Next(GivenChars.Length)].ToString();
        if (random.NextDouble() < 0.7)
        {
            given += GivenChars[random.Next(GivenChars.Length)];
        }
        return surname + given;
    }

    private static string VillageName(Random random, HashSet<string> used)
    {
        string name;
        do
        {
            name = $"{PlaceChars[random.Next(PlaceChars.Length)]}{PlaceChars[random.Next(PlaceChars.Length)]}{PlaceSuffixes[random.Next(PlaceSuffixes.Length)]}";
            if (!name.EndsWith('村'))
            {
                name += "村";
            }
        }
        while (!used.Add(name));
        return name;
    }

    /// <summary>学历 as rural rosters show it: the older, the less schooling; cadres a level above their age group more often than not.</summary>
    private static EducationLevel Education(Random random, int born, bool cadre)
    {
        var roll = random.NextDouble();
        var level = born switch
        {
            < 1960 => roll < 0.5 ? EducationLevel.JuniorOrBelow : roll < 0.85 ? EducationLevel.HighSchool : EducationLevel.College,
            < 1980 => roll < 0.2 ? EducationLevel.JuniorOrBelow : roll < 0.55 ? EducationLevel.HighSchool : roll < 0.85 ? EducationLevel.College : EducationLevel.Bachelor,
            _ => roll < 0.15 ? EducationLevel.HighSchool : roll < 0.5 ? EducationLevel.College : roll < 0.9 ? EducationLevel.Bachelor : EducationLevel.Postgraduate,
        };
        return cadre && level < EducationLevel.Postgraduate && random.NextDouble() < 0.6 ? level + 1 : level;
    }
}
