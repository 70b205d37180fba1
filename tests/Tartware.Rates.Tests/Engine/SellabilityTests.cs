using Shouldly;
using Tartware.Rates.Engine;
using Xunit;
using static Tartware.Rates.Tests.Engine.Facts;

namespace Tartware.Rates.Tests.Engine;

public sealed class SellabilityTests
{
    public static TheoryData<string> Names => [.. Table.Select(c => c.Because)];

    private static readonly (string Because, PlanFacts Plan, string Source, string? Reason)[] Table =
    [
        ("active, priced, unrestricted", Plan("PROMO"), "DIRECT", null),
        ("inactive", Plan("PROMO", status: "INACTIVE"), "DIRECT", FallbackReasons.PlanInactive),
        ("expired before the last night", Plan("PROMO", validUntil: Day(1)), "DIRECT", FallbackReasons.OutsideValidity),
        ("valid until the last night (departure is not a night)", Plan("PROMO", validUntil: Day(2)), "DIRECT", null),
        ("starts after arrival", Plan("PROMO", validFrom: Day(1)), "DIRECT", FallbackReasons.OutsideValidity),
        ("starts on arrival", Plan("PROMO", validFrom: Day(0)), "DIRECT", null),
        ("channel not offered", Plan("PROMO", channels: ["WEBSITE"]), "OTA", FallbackReasons.ChannelNotAllowed),
        ("channel offered", Plan("PROMO", channels: ["WEBSITE", "OTA"]), "OTA", null),
        ("closed on the middle night", Plan("PROMO", restrictions: On(Day(1), Closed)), "DIRECT", FallbackReasons.Closed),
        ("closed on the departure date (not a night)", Plan("PROMO", restrictions: On(Day(3), Closed)), "DIRECT", null),
        ("closed to arrival on arrival", Plan("PROMO", restrictions: On(Day(0), Cta)), "DIRECT", FallbackReasons.ClosedToArrival),
        ("closed to arrival on a later night", Plan("PROMO", restrictions: On(Day(1), Cta)), "DIRECT", null),
        ("closed to departure on departure", Plan("PROMO", restrictions: On(Day(3), Ctd)), "DIRECT", FallbackReasons.ClosedToDeparture),
        ("closed to departure on a stay night", Plan("PROMO", restrictions: On(Day(1), Ctd)), "DIRECT", null),
        ("min LOS above the stay", Plan("PROMO", restrictions: On(Day(0), MinLos(4))), "DIRECT", FallbackReasons.MinLos),
        ("min LOS equal to the stay", Plan("PROMO", restrictions: On(Day(0), MinLos(3))), "DIRECT", null),
        ("min LOS on a later night is not the arrival's", Plan("PROMO", restrictions: On(Day(1), MinLos(7))), "DIRECT", null),
        ("max LOS below the stay", Plan("PROMO", restrictions: On(Day(0), MaxLos(2))), "DIRECT", FallbackReasons.MaxLos),
        ("max LOS equal to the stay", Plan("PROMO", restrictions: On(Day(0), MaxLos(3))), "DIRECT", null),
        ("a night without a price", Plan("PROMO", unpricedNight: Day(2)), "DIRECT", FallbackReasons.NoPrice),
        ("no price on the departure date only", Plan("PROMO", unpricedNight: Day(3)), "DIRECT", null),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_plan_sells_the_stay_unless_a_rule_refuses_it(string because)
    {
        var (_, plan, source, reason) = Table.Single(c => c.Because == because);
        var check = Sellability.Check(plan, ThreeNights, source);

        check.Reason.ShouldBe(reason, because);
        check.Sellable.ShouldBe(reason is null, because);
        if (reason is null)
        {
            check.Total.ShouldBe(300m, because);
            check.Nights!.Select(n => n.Night).ShouldBe([Day(0), Day(1), Day(2)]);
        }
    }

    [Fact]
    public void A_refused_plan_is_still_priced_so_the_delta_can_be_computed()
    {
        var check = Sellability.Check(Plan("PROMO", 80m, restrictions: On(Day(1), Closed)), ThreeNights, "DIRECT");
        check.Total.ShouldBe(240m);
        check.Detail!.ShouldContain("2027-03-02");
    }

    [Fact]
    public void Status_is_checked_before_restrictions()
    {
        var check = Sellability.Check(Plan("PROMO", status: "INACTIVE", restrictions: On(Day(0), Closed)), ThreeNights, "DIRECT");
        check.Reason.ShouldBe(FallbackReasons.PlanInactive);
    }
}
