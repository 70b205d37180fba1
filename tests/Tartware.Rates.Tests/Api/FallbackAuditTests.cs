using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Contracts.Rates;
using Tartware.Host.Cli;
using Tartware.Rates.Tests.Infrastructure;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.Testing;
using Xunit;

using Hotel = Tartware.Rates.Tests.Infrastructure.Hotel;

namespace Tartware.Rates.Tests.Api;

/// <summary>The façade the reservation pipeline calls: decisions are stored in the caller's transaction, counted, and re-rated.</summary>
[Collection(RatesHostCollection.Name)]
public sealed class FallbackAuditTests(RatesHost host)
{
    private static readonly DateOnly Mon = Hotel.Monday;

    private IRateQuoting Quoting => host.Services.GetRequiredService<IRateQuoting>();

    private IUnitOfWorkFactory Units => host.Services.GetRequiredService<IUnitOfWorkFactory>();

    [Fact]
    public async Task A_fallback_decision_is_stored_in_the_callers_transaction_and_escalates_over_the_limit()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await QuoteApiTests.Promo(host, hotel, new { validUntil = Mon });
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken,
            new { allowFallback = true, maxPriceDeltaPercent = 5, notifyRecipients = new[] { "rm@example.test" } });

        await using (var unit = await Units.BeginAsync(hotel.Owner.TenantId))
        {
            var quote = await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "PROMO", "OTA", "EXPEDIA") with { Actor = "pipeline", CorrelationId = "c-1" });
            quote.Fallback!.Id.ShouldNotBeNull();
            quote.Fallback.Escalated.ShouldBeTrue();
            quote.Fallback.PriceDelta.ShouldBe(30m);
            await unit.CommitAsync();
        }

        (await Count(hotel, "select count(*) from rates.fallback_decisions where escalated and actor = 'pipeline' and correlation_id = 'c-1'"
            + " and requested_code = 'PROMO' and applied_code = 'BAR' and reason = 'OUTSIDE_VALIDITY' and price_delta = 30 and partner_id = 'EXPEDIA'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task A_rolled_back_write_leaves_no_decision_behind()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await using (var unit = await Units.BeginAsync(hotel.Owner.TenantId))
        {
            (await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "NOPE"))).Fallback.ShouldNotBeNull();
        }

        (await Count(hotel, "select count(*) from rates.fallback_decisions")).ShouldBe(0);
    }

    [Fact]
    public async Task The_facade_refuses_with_problem_exceptions()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken, new { allowFallback = false });
        await using var unit = await Units.BeginAsync(hotel.Owner.TenantId);
        (await Should.ThrowAsync<BusinessRuleException>(() => Quoting.QuoteAsync(unit.Transaction, Request(hotel, "NOPE")))).Code.ShouldBe("rate-fallback-denied");
        await Should.ThrowAsync<ValidationFailedException>(() => Quoting.QuoteAsync(unit.Transaction, Request(hotel, "BAR", "GDS")));
        await Should.ThrowAsync<NotFoundException>(() => Quoting.QuoteAsync(unit.Transaction, Request(hotel, "BAR") with { PropertyId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task Stats_count_reasons_partners_and_escalations_and_rerate_records_the_outcome()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await QuoteApiTests.Promo(host, hotel, restriction: (Mon, new { closedToArrival = true }));
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken, new { allowFallback = true, maxPriceDelta = 20 });
        await using (var unit = await Units.BeginAsync(hotel.Owner.TenantId))
        {
            await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "PROMO", "OTA", "EXPEDIA"));
            await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "PROMO", "OTA", "EXPEDIA"));
            await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "GHOST", "GDS", "AMADEUS"));
            (await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "PROMO"))).Fallback!.Escalated.ShouldBeTrue();
            await unit.CommitAsync();
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var window = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var stats = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-fallbacks/stats?{window}", hotel.Owner.AccessToken);
        stats.GetProperty("total").GetInt32().ShouldBe(4);
        stats.GetProperty("escalations").GetInt32().ShouldBe(3);
        stats.GetProperty("byReason").EnumerateArray().Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt32()))
            .ShouldBe([("CLOSED_TO_ARRIVAL", 3), ("PLAN_NOT_FOUND", 1)]);
        var partners = stats.GetProperty("topPartners").EnumerateArray().ToList();
        partners.Select(p => p.GetProperty("partnerId").GetString()).ShouldBe(["EXPEDIA", "AMADEUS"]);
        partners[0].GetProperty("escalations").GetInt32().ShouldBe(2);
        stats.GetProperty("latestEscalations").GetArrayLength().ShouldBe(3);

        // The partner's mapping is fixed: PROMO reopens for arrival; the GDS code still does not exist.
        await hotel.RestrictAsync(host, await hotel.PlanIdAsync(host, "PROMO"), Mon, Mon, new { });
        var run = await host.SendExpectingAsync(200, HttpMethod.Post, $"{hotel.Base}/rate-fallbacks/rerate", hotel.Owner.AccessToken,
            new { from = today.AddDays(-1), to = today.AddDays(1) });
        run.GetProperty("examined").GetInt32().ShouldBe(4);
        run.GetProperty("nowRequested").GetInt32().ShouldBe(3);
        run.GetProperty("stillFallback").GetInt32().ShouldBe(1);
        var runId = run.GetProperty("runId").GetGuid();
        (await Count(hotel, $"select count(*) from rates.rerate_results where run_id = '{runId}' and outcome = 'REQUESTED' and new_total = 270")).ShouldBe(3);

        var onlyAmadeus = await host.SendExpectingAsync(200, HttpMethod.Post, $"{hotel.Base}/rate-fallbacks/rerate", hotel.Owner.AccessToken,
            new { from = today, to = today, partnerId = "AMADEUS" });
        onlyAmadeus.GetProperty("examined").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Stats_and_rerate_list_bad_fields()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var stats = await host.SendExpectingAsync(400, HttpMethod.Get, $"{hotel.Base}/rate-fallbacks/stats?from=2030-02-01&to=2030-01-01", hotel.Owner.AccessToken);
        RatePlanApiTests.Fields(stats).ShouldBe(["to"]);
        var missing = await host.SendExpectingAsync(400, HttpMethod.Get, $"{hotel.Base}/rate-fallbacks/stats", hotel.Owner.AccessToken);
        RatePlanApiTests.Fields(missing).ShouldBe(["from", "to"], ignoreOrder: true);
        var rerate = await host.SendExpectingAsync(400, HttpMethod.Post, $"{hotel.Base}/rate-fallbacks/rerate", hotel.Owner.AccessToken,
            new { from = "2030-01-01", to = "2032-01-01", partnerId = "bad id", reason = "BECAUSE" });
        RatePlanApiTests.Fields(rerate).ShouldBe(["to", "partnerId", "reason"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_rerate_verb_runs_the_same_rerate()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await using (var unit = await Units.BeginAsync(hotel.Owner.TenantId))
        {
            await Quoting.QuoteAsync(unit.Transaction, Request(hotel, "CORP"));
            await unit.CommitAsync();
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await TartwareCli.InvokeAsync(["rates", "rerate", "--tenant", hotel.Owner.TenantId.ToString(), "--property", hotel.PropertyId.ToString(),
            "--from", today, "--to", today], output, error);
        exit.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("\"examined\":1");
        output.ToString().ShouldContain("\"stillFallback\":1");
        (await Count(hotel, "select count(*) from rates.rerate_runs where actor like 'cli:%'")).ShouldBe(1);

        var unknown = await TartwareCli.InvokeAsync(["rates", "rerate", "--tenant", hotel.Owner.TenantId.ToString(), "--property", Guid.NewGuid().ToString(),
            "--from", today, "--to", today], new StringWriter(), error);
        unknown.ShouldBe(2);
        error.ToString().ShouldContain("not-found");
    }

    private static RateQuoteRequest Request(Hotel hotel, string code, string? source = null, string? partner = null) =>
        new(hotel.PropertyId, hotel.RoomTypeId, Mon, Mon.AddDays(3), 2, 0, code, source, partner);

    private static Task<long> Count(Hotel hotel, string sql) => TenantSql.ScalarAsTenantAsync<long>(hotel.Owner.TenantId, sql);
}
