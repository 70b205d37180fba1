using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Contracts.Properties;
using Tartware.Rates.Tests.Infrastructure;
using Tartware.ServiceDefaults.Data;
using Tartware.Testing;
using Xunit;

using Hotel = Tartware.Rates.Tests.Infrastructure.Hotel;

namespace Tartware.Rates.Tests.Api;

[Collection(RatesHostCollection.Name)]
public sealed class SetupTests(RatesHost host)
{
    private const string Snapshot = """
        select coalesce(string_agg(line, E'\n' order by line), '') from (
            select format('%s %s %s %s %s %s', id, code, name, status, version, updated_at) as line from rates.rate_plans
            union all
            select format('%s %s %s %s', rate_plan_id, room_type_id, amount, created_at) from rates.plan_room_rates) s
        """;

    [Fact]
    public async Task Running_the_BAR_RACK_setup_again_changes_nothing()
    {
        var hotel = await Hotel.CreateAsync(host, 100m, 180m);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}", hotel.Owner.AccessToken, new { name = "Renamed by revenue" });
        var before = await TenantSql.ScalarAsTenantAsync<string>(hotel.Owner.TenantId, Snapshot);

        var runner = host.Services.GetRequiredService<IPropertySetupRunner>();
        (await runner.RunAsync(hotel.Owner.TenantId)).RoomTypes.ShouldBe(2);
        await runner.RunAsync(hotel.Owner.TenantId);

        (await TenantSql.ScalarAsTenantAsync<string>(hotel.Owner.TenantId, Snapshot)).ShouldBe(before);
        before!.ShouldContain("Renamed by revenue");
    }

    [Fact]
    public async Task The_setup_step_creates_what_is_missing_for_existing_properties()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        // As if the property had been created before the Rates module was installed.
        await TenantSql.ScalarAsTenantAsync<long>(hotel.Owner.TenantId, """
            with a as (delete from rates.plan_room_rates returning 1), b as (delete from rates.rate_plans returning 1) select count(*) from b
            """);

        await host.Services.GetRequiredService<IPropertySetupRunner>().RunAsync(hotel.Owner.TenantId);

        var plans = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken);
        plans.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe(["BAR", "RACK"]);
        var quote = await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Hotel.Monday, 2), hotel.Owner.AccessToken);
        quote.GetProperty("total").GetDecimal().ShouldBe(200m);
    }

    [Fact]
    public async Task The_participant_is_idempotent_when_called_directly_in_one_transaction()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var participant = host.Services.GetServices<IPropertySetupParticipant>().Single(p => p.GetType().Namespace!.StartsWith("Tartware.Rates", StringComparison.Ordinal));
        var directory = host.Services.GetRequiredService<IPropertyDirectory>();
        var before = await TenantSql.ScalarAsTenantAsync<string>(hotel.Owner.TenantId, Snapshot);
        await using (var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(hotel.Owner.TenantId))
        {
            var property = (await directory.FindPropertyAsync(unit.Transaction, hotel.PropertyId))!;
            var roomType = (await directory.ListRoomTypesAsync(unit.Transaction, hotel.PropertyId)).Single();
            await participant.OnPropertyCreatedAsync(unit.Transaction, property);
            await participant.OnRoomTypeCreatedAsync(unit.Transaction, property, roomType);
            await participant.OnRoomTypeCreatedAsync(unit.Transaction, property, roomType);
            await unit.CommitAsync();
        }

        (await TenantSql.ScalarAsTenantAsync<string>(hotel.Owner.TenantId, Snapshot)).ShouldBe(before);
    }
}
