using Pingyi.Core.Membership;

namespace Pingyi.Core.Tests.Membership;

public sealed class DevelopmentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DevelopmentPeriods Periods = DevelopmentPeriods.Default;

    private static DevelopmentRefusal? Refuse(DevelopmentDates d, DevelopmentStep step, DateOnly on, DateOnly? approved = null, int days = 0, decimal hours = 0) =>
        DevelopmentRules.Refusal(d, step, on, Today, Periods, approved, days, hours);

    [Fact]
    public void ACandidate_IsNamedOnlyAfterAYearAsActivist_WithTheDayItBecomesPossible()
    {
        var activist = new DevelopmentDates(DevelopmentStage.Activist, new(2025, 1, 10), new(2025, 1, 20), new(2025, 3, 1));
        var early = Refuse(activist, DevelopmentStep.Candidate, new(2026, 2, 28));
        Assert.NotNull(early);
        Assert.Equal(new DateOnly(2026, 3, 1), early.PossibleOn);
        Assert.Contains("1年以上", early.Message);
        Assert.Contains("2026年3月1日", early.Message);
        Assert.Null(Refuse(activist, DevelopmentStep.Candidate, new(2026, 3, 1)));
    }

    [Fact]
    public void Probation_LastsAYearFromTheBranchMeeting()
    {
        var probationary = new DevelopmentDates(DevelopmentStage.Probationary, new(2023, 1, 10), new(2023, 1, 20), new(2023, 3, 1), new(2024, 3, 5), new(2024, 4, 1), 3, 24, new(2025, 6, 30));
        Assert.Equal(new DateOnly(2026, 6, 30), Refuse(probationary, DevelopmentStep.Confirm, new(2026, 6, 29))!.PossibleOn);
        Assert.Null(Refuse(probationary, DevelopmentStep.Confirm, new(2026, 6, 30)));
        Assert.Equal("日期不能晚于今天", Refuse(probationary, DevelopmentStep.Confirm, Today.AddDays(1))!.Message);
    }

    [Fact]
    public void Admission_NeedsTheReview_TheTraining_AndTheApprovalWithinThreeMonths()
    {
        var candidate = new DevelopmentDates(DevelopmentStage.Candidate, new(2024, 1, 10), new(2024, 1, 20), new(2024, 3, 1), new(2025, 3, 5));
        Assert.Contains("政治审查", Refuse(candidate, DevelopmentStep.Admit, new(2025, 6, 1), new(2025, 7, 1))!.Message);
        var reviewed = candidate with { ReviewedOn = new(2025, 4, 1) };
        Assert.Contains("集中培训", Refuse(reviewed, DevelopmentStep.Admit, new(2025, 6, 1), new(2025, 7, 1))!.Message);
        Assert.NotNull(Refuse(reviewed, DevelopmentStep.Training, new(2025, 4, 10), days: 2, hours: 16));
        Assert.Null(Refuse(reviewed, DevelopmentStep.Training, new(2025, 4, 10), days: 3));
        Assert.Null(Refuse(reviewed, DevelopmentStep.Training, new(2025, 4, 10), days: 2, hours: 24));
        var trained = reviewed with { TrainingDays = 3 };
        Assert.Contains("3个月内", Refuse(trained, DevelopmentStep.Admit, new(2025, 6, 1), new(2025, 9, 2))!.Message);
        Assert.Null(Refuse(trained, DevelopmentStep.Admit, new(2025, 6, 1), new(2025, 9, 1)));
        Assert.NotNull(Refuse(trained, DevelopmentStep.Admit, new(2025, 6, 1), null));
        Assert.NotNull(Refuse(trained, DevelopmentStep.Admit, new(2025, 6, 1), new(2025, 5, 31)));
    }

    [Fact]
    public void Steps_FollowTheStages_AndTheTalkComesFirst()
    {
        var applicant = new DevelopmentDates(DevelopmentStage.Applicant, new(2026, 5, 6));
        Assert.Contains("谈话", Refuse(applicant, DevelopmentStep.Activist, new(2026, 6, 1))!.Message);
        Assert.Contains("入党申请人", Refuse(applicant, DevelopmentStep.Candidate, new(2026, 6, 1))!.Message);
        Assert.Contains("入党申请人", Refuse(applicant, DevelopmentStep.Confirm, new(2026, 6, 1))!.Message);
        Assert.NotNull(Refuse(applicant, DevelopmentStep.Talk, new(2026, 5, 1)));
        Assert.Null(Refuse(applicant, DevelopmentStep.Talk, new(2026, 5, 20)));
        var talked = applicant with { TalkedOn = new(2026, 5, 20) };
        Assert.NotNull(Refuse(talked, DevelopmentStep.Talk, new(2026, 5, 21)));
        Assert.Equal(new DateOnly(2026, 5, 20), Refuse(talked, DevelopmentStep.Activist, new(2026, 5, 19))!.PossibleOn);
        Assert.Null(Refuse(talked, DevelopmentStep.Activist, new(2026, 6, 1)));
        Assert.Equal(new DateOnly(2026, 6, 5), DevelopmentRules.TalkDue(new(2026, 5, 6), Periods));
        Assert.Equal(DevelopmentStage.Probationary, DevelopmentRules.After(DevelopmentStage.Candidate, DevelopmentStep.Admit));
        Assert.Equal(DevelopmentStage.Candidate, DevelopmentRules.After(DevelopmentStage.Candidate, DevelopmentStep.Review));
    }

    [Fact]
    public void LongerPeriods_ComeFromConfiguration()
    {
        var activist = new DevelopmentDates(DevelopmentStage.Activist, new(2023, 1, 10), new(2023, 1, 20), new(2023, 3, 1));
        var refusal = DevelopmentRules.Refusal(activist, DevelopmentStep.Candidate, new(2025, 3, 1), Today, Periods with { ActivistYears = 3 });
        Assert.Equal(new DateOnly(2026, 3, 1), refusal!.PossibleOn);
    }
}
