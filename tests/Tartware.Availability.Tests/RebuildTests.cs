using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data;
using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests;

/// <summary>Property-based: whatever mix of claims, modifies, releases, expiries and maintenance ran, the ledger equals its locks.</summary>
[Collection(AvailabilityHostCollection.Name)]
public sealed class RebuildTests(AvailabilityHost host)
{
    private static readonly DateOnly Start = Hotel.Day0.AddDays(120);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task After_a_random_workload_verify_finds_no_drift_and_finds_injected_drift_then_rebuild_repairs_it(int seed)
    {
        var hotel = await Hotel.CreateAsync(host, 3, 2);
        var random = new Random(seed);
        var guard = host.Services.GetRequiredService<IAvailabilityGuard>();
        var units = host.Services.GetRequiredService<IUnitOfWorkFactory>();
        var keys = new List<string>();
        for (var step = 0; step < 60; step++)
        {
            var arrival = Start.AddDays(random.Next(0, 10));
            var departure = arrival.AddDays(random.Next(1, 4));
            var type = random.Next(0, 2);
            switch (random.Next(0, 7))
            {
                case 0 or 1:
                    var key = Guid.NewGuid().ToString();
                    await using (var unit = await units.BeginAsync(hotel.Session.TenantId))
                    {
                        if ((await guard.ClaimAsync(unit.Transaction, Claim(hotel, key, arrival, departure, type))).Succeeded)
                        {
                            keys.Add(key);
                        }

                        await unit.CommitAsync();
                    }

                    break;
                case 2 when keys.Count > 0:
                    await using (var unit = await units.BeginAsync(hotel.Session.TenantId))
                    {
                        await guard.ReclaimAsync(unit.Transaction, Claim(hotel, keys[random.Next(keys.Count)], arrival, departure, type));
                        await unit.CommitAsync();
                    }

                    break;
                case 3 when keys.Count > 0:
                    var released = keys[random.Next(keys.Count)];
                    await using (var unit = await units.BeginAsync(hotel.Session.TenantId))
                    {
                        await guard.ReleaseAsync(unit.Transaction, hotel.Session.TenantId, released, "cancelled", "test");
                        await unit.CommitAsync();
                    }

                    keys.Remove(released);
                    break;
                case 4:
                    await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
                        Hotel.HoldBody(hotel, arrival, departure, type: type, ttl: random.Next(1, 3)));
                    break;
                case 5:
                    await using (var unit = await units.BeginAsync(hotel.Session.TenantId))
                    {
                        await guard.BlockRoomAsync(unit.Transaction, new RoomBlockClaim(hotel.Session.TenantId, hotel.PropertyId,
                            hotel.RoomIds[type][random.Next(hotel.RoomIds[type].Length)], random.Next(2) == 0 ? RoomBlockKinds.OutOfOrder : RoomBlockKinds.Block,
                            arrival, departure, Guid.NewGuid().ToString(), "test", "maintenance", Force: random.Next(2) == 0));
                        await unit.CommitAsync();
                    }

                    break;
                default:
                    await host.SendAsync(HttpMethod.Post, $"/v1/properties/{hotel.PropertyId}/blackouts", hotel.Session.AccessToken,
                        new { roomTypeId = hotel.RoomTypeIds[type], from = arrival, to = departure, quantity = 1, reason = "event", idempotencyKey = Guid.NewGuid().ToString() });
                    break;
            }
        }

        // Let some holds expire through the sweeper, then audit.
        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.inventory_locks where kind = 'HOLD' and status = 'ACTIVE' and expires_at < now() - interval '1 second'") == 0,
            TimeSpan.FromSeconds(20), "expired holds are swept");
        var maintenance = host.Services.GetRequiredService<IAvailabilityMaintenance>();
        var clean = await maintenance.RebuildAsync(hotel.Session.TenantId, null, verifyOnly: true);
        clean.NightsChecked.ShouldBeGreaterThan(0);
        clean.NightsDrifted.ShouldBe(0, string.Join("\n", clean.Samples));
        clean.AssignmentsDrifted.ShouldBe(0);
        await AssertNeverOversoldAsync(hotel);

        // Drift a night behind the guard's back: verify sees it and changes nothing; rebuild repairs it.
        await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId,
            "update availability.inventory_nights set sold = sold + 1, forced_allowance = forced_allowance + 1 where property_id = $1 and night = $2",
            hotel.PropertyId, Start);
        (await maintenance.RebuildAsync(hotel.Session.TenantId, hotel.PropertyId, verifyOnly: true)).NightsDrifted.ShouldBe(2);
        (await maintenance.RebuildAsync(hotel.Session.TenantId, hotel.PropertyId, verifyOnly: true)).NightsDrifted.ShouldBe(2);
        var repaired = await maintenance.RebuildAsync(hotel.Session.TenantId, hotel.PropertyId, verifyOnly: false);
        repaired.Repaired.ShouldBeTrue();
        (await maintenance.RebuildAsync(hotel.Session.TenantId, null, verifyOnly: true)).NightsDrifted.ShouldBe(0);
    }

    [Fact]
    public async Task Guard_rebuild_verb_exits_nonzero_on_drift_and_zero_after_repair()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken, Hotel.HoldBody(hotel, Start, Start.AddDays(2)));
        await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId,
            "update availability.inventory_nights set held = 0 where property_id = $1 and night = $2", hotel.PropertyId, Start);

        (await RunAsync("guard", "rebuild", "--tenant", hotel.Session.TenantId.ToString(), "--verify")).Exit.ShouldBe(1);
        var (exit, output) = await RunAsync("guard", "rebuild", "--tenant", hotel.Session.TenantId.ToString(), "--property", hotel.PropertyId.ToString());
        exit.ShouldBe(0);
        output.ShouldContain("\"nightsDrifted\": 1");
        (await RunAsync("guard", "rebuild", "--tenant", hotel.Session.TenantId.ToString(), "--verify")).Exit.ShouldBe(0);
        Grid.Min(await hotel.GridAsync(host, Start, Start.AddDays(2)), "held").ShouldBe(1);
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Host.Cli.TartwareCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output + error.ToString());
    }

    private async Task AssertNeverOversoldAsync(Hotel hotel)
    {
        for (var type = 0; type < hotel.RoomTypeIds.Length; type++)
        {
            var grid = await hotel.GridAsync(host, Start, Start.AddDays(14), type);
            foreach (var night in Grid.Nights(grid))
            {
                // Only forced maintenance may push a night below zero; sold + held never exceed capacity.
                (night.GetProperty("sold").GetInt32() + night.GetProperty("held").GetInt32()).ShouldBeLessThanOrEqualTo(night.GetProperty("capacity").GetInt32());
            }
        }
    }

    private static InventoryClaim Claim(Hotel hotel, string key, DateOnly arrival, DateOnly departure, int type) =>
        new(hotel.Session.TenantId, hotel.PropertyId, hotel.RoomTypeIds[type], arrival, departure, 1, key, "test");
}
