using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Availability.Jobs;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class JobsTests(AvailabilityHost host)
{
    [Fact]
    public async Task Two_processes_sweeping_expire_each_hold_exactly_once()
    {
        await using var second = new AvailabilityHost();
        await second.InitializeAsync();
        var hotel = await Hotel.CreateAsync(host, 30);
        var arrival = Hotel.Day0.AddDays(300);
        var holds = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks",
            hotel.Session.AccessToken, Hotel.HoldBody(hotel, arrival, arrival.AddDays(1 + (i % 3)), ttl: 1))));

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.inventory_locks where status = 'ACTIVE'") == 0, TimeSpan.FromSeconds(20), "both sweepers expire every hold");

        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.lock_events where event = 'EXPIRED'")).ShouldBe(holds.Length);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.lock_events where event = 'EXPIRED' group by lock_id order by 1 desc limit 1")).ShouldBe(1);
        Grid.Sum(await hotel.GridAsync(host, arrival, arrival.AddDays(3)), "held").ShouldBe(0);
    }

    [Fact]
    public async Task The_horizon_job_materializes_the_configured_days_ahead_for_a_new_room_type()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var job = host.Services.GetRequiredService<HorizonJob>();
        await Eventually.HoldsAsync(async () =>
        {
            await job.ExtendOnceAsync(TestContext.Current.CancellationToken);
            return await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
                "select count(*) from availability.inventory_nights where room_type_id = $1 and capacity = 1", hotel.RoomTypeIds[0]) >= 730;
        }, TimeSpan.FromSeconds(30), "730 nights exist for the room type");
        (await TenantSql.ScalarAsTenantAsync<DateOnly>(hotel.Session.TenantId,
            "select materialized_through from availability.room_type_horizons where room_type_id = $1", hotel.RoomTypeIds[0]))
            .ShouldBeGreaterThan(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(700));
    }
}
