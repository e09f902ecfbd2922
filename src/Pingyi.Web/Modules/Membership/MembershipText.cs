using Pingyi.Core.Membership;

namespace Pingyi.Web.Modules.Membership;

/// <summary>The Chinese names of the development stages and steps (one source in Core; pages localize them).</summary>
public static class MembershipText
{
    public static string Stage(DevelopmentStage stage) => DevelopmentRules.Name(stage);

    public static string Step(DevelopmentStep step) => DevelopmentRules.StepName(step);

    public static readonly DevelopmentStage[] Stages = Enum.GetValues<DevelopmentStage>();
}
