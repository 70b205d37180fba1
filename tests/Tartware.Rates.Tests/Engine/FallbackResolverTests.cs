using Shouldly;
using Tartware.Rates.Engine;
using Xunit;
using static Tartware.Rates.Tests.Engine.Facts;

namespace Tartware.Rates.Tests.Engine;

public sealed class FallbackResolverTests
{
    private static readonly FallbackPolicy Allow = FallbackPolicy.Default;

    /// <summary>One row: plans at the property, the requested code, and the expected applied code, reason and delta.</summary>
    internal sealed record Row(string Because, PlanFacts?[] Plans, string Requested, string? Applied, string? Reason, decimal? Delta,
        string Source = "DIRECT", FallbackPolicy? Policy = null, string? Refusal = null, bool Escalated = false)
    {
        public override string ToString() => Because;
    }

    public static TheoryData<string> Names => [.. Table.Select(r => r.Because)];

    private static readonly Row[] Table =
    [
        new Row("requested sells", [Plan("PROMO", 90m), Plan("BAR"), Plan("RACK", 120m)], "PROMO", "PROMO", null, null),
        new Row("expired plan falls back to BAR", [Plan("PROMO", 90m, validUntil: Day(0)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.OutsideValidity, 30m),
        new Row("restricted night falls back to BAR", [Plan("PROMO", 90m, restrictions: On(Day(2), Closed)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.Closed, 30m),
        new Row("CTA falls back to BAR", [Plan("PROMO", 90m, restrictions: On(Day(0), Cta)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.ClosedToArrival, 30m),
        new Row("CTD falls back to BAR", [Plan("PROMO", 90m, restrictions: On(Day(3), Ctd)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.ClosedToDeparture, 30m),
        new Row("min LOS falls back to BAR", [Plan("PROMO", 90m, restrictions: On(Day(0), MinLos(5))), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.MinLos, 30m),
        new Row("max LOS falls back to BAR", [Plan("PROMO", 90m, restrictions: On(Day(0), MaxLos(1))), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.MaxLos, 30m),
        new Row("unknown code falls back to BAR without a delta", [Plan("BAR"), Plan("RACK", 120m)], "NOPE", "BAR", FallbackReasons.PlanNotFound, null),
        new Row("inactive plan falls back to BAR", [Plan("PROMO", 90m, status: "INACTIVE"), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.PlanInactive, 30m),
        new Row("channel not offered falls back to BAR", [Plan("PROMO", 90m, channels: ["WEBSITE"]), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.ChannelNotAllowed, 30m, Source: "OTA"),
        new Row("requested without a price falls back without a delta", [Plan("PROMO", 90m, unpricedNight: Day(1)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.NoPrice, null),
        new Row("BAR closed too: RACK", [Plan("PROMO", 90m, validUntil: Day(0)), Plan("BAR", restrictions: On(Day(1), Closed)), Plan("RACK", 120m)],
            "PROMO", "RACK", FallbackReasons.OutsideValidity, 90m),
        new Row("BAR missing a price: RACK", [Plan("PROMO", 90m, restrictions: On(Day(0), Cta)), Plan("BAR", unpricedNight: Day(2)), Plan("RACK", 120m)],
            "PROMO", "RACK", FallbackReasons.ClosedToArrival, 90m),
        new Row("BAR missing altogether: RACK", [Plan("PROMO", 90m, restrictions: On(Day(0), Cta)), Plan("RACK", 120m)],
            "PROMO", "RACK", FallbackReasons.ClosedToArrival, 90m),
        new Row("BAR requested and closed: RACK", [Plan("BAR", restrictions: On(Day(0), Closed)), Plan("RACK", 120m)],
            "BAR", "RACK", FallbackReasons.Closed, 60m),
        new Row("RACK requested and closed: BAR", [Plan("BAR"), Plan("RACK", 120m, restrictions: On(Day(0), Closed))],
            "RACK", "BAR", FallbackReasons.Closed, -60m),
        new Row("nothing sells", [Plan("PROMO", restrictions: On(Day(0), Closed)), Plan("BAR", restrictions: On(Day(0), Closed)),
            Plan("RACK", status: "INACTIVE")], "PROMO", null, null, null, Refusal: FallbackResolver.Unavailable),
        new Row("policy denies fallback", [Plan("PROMO", restrictions: On(Day(1), Closed)), Plan("BAR"), Plan("RACK")],
            "PROMO", null, null, null, Policy: FallbackPolicy.Default with { AllowFallback = false }, Refusal: FallbackResolver.Denied),
        new Row("policy denies fallback but the requested plan sells", [Plan("PROMO"), Plan("BAR"), Plan("RACK")],
            "PROMO", "PROMO", null, null, Policy: FallbackPolicy.Default with { AllowFallback = false }),
        new Row("delta over the absolute maximum escalates", [Plan("PROMO", 90m, validUntil: Day(0)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.OutsideValidity, 30m, Policy: Allow with { MaxPriceDelta = 29.99m }, Escalated: true),
        new Row("delta at the absolute maximum does not", [Plan("PROMO", 90m, validUntil: Day(0)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.OutsideValidity, 30m, Policy: Allow with { MaxPriceDelta = 30m }),
        new Row("delta over the percent maximum escalates", [Plan("PROMO", 90m, validUntil: Day(0)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.OutsideValidity, 30m, Policy: Allow with { MaxPriceDeltaPercent = 10m }, Escalated: true),
        new Row("a cheaper fallback beyond the maximum escalates too", [Plan("PROMO", 150m, validUntil: Day(0)), Plan("BAR"), Plan("RACK", 120m)],
            "PROMO", "BAR", FallbackReasons.OutsideValidity, -150m, Policy: Allow with { MaxPriceDelta = 100m }, Escalated: true),
        new Row("an unknown delta never escalates", [Plan("BAR"), Plan("RACK")], "NOPE", "BAR", FallbackReasons.PlanNotFound, null,
            Policy: Allow with { MaxPriceDelta = 0m, MaxPriceDeltaPercent = 0m }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Resolution_follows_plan_0_7(string because)
    {
        var row = Table.Single(r => r.Because == because);
        var plans = row.Plans.Where(p => p is not null).ToDictionary(p => p!.Code, p => p!, StringComparer.Ordinal);
        var (resolution, refusal) = FallbackResolver.Resolve(row.Requested, plans.GetValueOrDefault, ThreeNights, row.Source, row.Policy ?? Allow);

        if (row.Refusal is not null)
        {
            resolution.ShouldBeNull(row.Because);
            refusal!.Code.ShouldBe(row.Refusal, row.Because);
            refusal.Reasons.ContainsKey(row.Requested).ShouldBeTrue();
            return;
        }

        refusal.ShouldBeNull(row.Because);
        resolution!.Applied.Code.ShouldBe(row.Applied, row.Because);
        if (row.Reason is null)
        {
            resolution.Fallback.ShouldBeNull(row.Because);
            return;
        }

        var fallback = resolution.Fallback.ShouldNotBeNull(row.Because);
        fallback.RequestedCode.ShouldBe(row.Requested);
        fallback.AppliedCode.ShouldBe(row.Applied);
        fallback.Reason.ShouldBe(row.Reason, row.Because);
        fallback.PriceDelta.ShouldBe(row.Delta, row.Because);
        fallback.Escalated.ShouldBe(row.Escalated, row.Because);
    }

    [Fact]
    public void A_denial_names_the_requested_plans_reason()
    {
        var plans = new[] { Plan("PROMO", restrictions: On(Day(0), MinLos(7))), Plan("BAR"), Plan("RACK") }.ToDictionary(p => p.Code);
        var (_, refusal) = FallbackResolver.Resolve("PROMO", plans.GetValueOrDefault, ThreeNights, "DIRECT", FallbackPolicy.Default with { AllowFallback = false });
        refusal!.Detail.ShouldContain(FallbackReasons.MinLos);
        refusal.Reasons["PROMO"].ShouldBe(FallbackReasons.MinLos);
    }

    [Fact]
    public void Unavailable_lists_every_plan_tried()
    {
        var plans = new[] { Plan("BAR", restrictions: On(Day(0), Cta)), Plan("RACK", unpricedNight: Day(1)) }.ToDictionary(p => p.Code);
        var (_, refusal) = FallbackResolver.Resolve("CORP", plans.GetValueOrDefault, ThreeNights, "DIRECT", FallbackPolicy.Default);
        refusal!.Reasons["CORP"].ShouldBe(FallbackReasons.PlanNotFound);
        refusal.Reasons["BAR"].ShouldBe(FallbackReasons.ClosedToArrival);
        refusal.Reasons["RACK"].ShouldBe(FallbackReasons.NoPrice);
    }
}
