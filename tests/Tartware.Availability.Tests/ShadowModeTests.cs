using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Tartware.Availability.Guard;
using Tartware.Availability.Ledger;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.ServiceDefaults.Data;
using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class ShadowModeTests(AvailabilityHost host)
{
    [Fact]
    public async Task In_shadow_mode_a_claim_over_capacity_goes_through_and_is_recorded_as_an_override()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var arrival = Hotel.Day0.AddDays(400);
        var shadow = new LockWriter(host.Services.GetRequiredService<ScopeResolver>(), host.Services.GetRequiredService<RoomOccupancy>(),
            Options.Create(new AvailabilityOptions { ShadowMode = true }), host.Services.GetRequiredService<AvailabilityMetrics>());
        var units = host.Services.GetRequiredService<IUnitOfWorkFactory>();
        LockOutcome second;
        await using (var unit = await units.BeginAsync(hotel.Session.TenantId))
        {
            (await shadow.TakeAsync(unit.Transaction, Request(hotel, arrival, "first"), default)).ShadowOverride.ShouldBeFalse();
            second = await shadow.TakeAsync(unit.Transaction, Request(hotel, arrival, "second"), default);
            await unit.CommitAsync();
        }

        second.Succeeded.ShouldBeTrue();
        second.ShadowOverride.ShouldBeTrue();
        second.Shortages.ShouldHaveSingleItem().Available.ShouldBe(0);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.lock_events where event = 'SHADOW_OVERRIDE' and lock_id = $1", second.Lock!.Id)).ShouldBe(1);
        Grid.Nights(await hotel.GridAsync(host, arrival, arrival.AddDays(1))).Single().GetProperty("available").GetInt32().ShouldBe(-1);
    }

    [Fact]
    public async Task A_production_process_with_shadow_mode_refuses_to_start_naming_the_key()
    {
        await using var shadowHost = new ShadowHost();
        var error = await Should.ThrowAsync<OptionsValidationException>(async () => await shadowHost.InitializeAsync());
        error.Message.ShouldContain("Availability:ShadowMode");
    }

    private static LockRequest Request(Hotel hotel, DateOnly arrival, string key) => new(
        hotel.Session.TenantId, hotel.PropertyId, LockKinds.Reservation, hotel.RoomTypeIds[0], null, arrival, arrival.AddDays(1), 1, false,
        key, "test", null, null, false);

    private sealed class ShadowHost : PlatformHost
    {
        protected override Dictionary<string, string?> Overrides()
        {
            var overrides = base.Overrides();
            overrides["Availability:ShadowMode"] = "true";
            return overrides;
        }
    }
}
