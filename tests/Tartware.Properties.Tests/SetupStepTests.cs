using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Contracts.Properties;
using Tartware.Host.Cli;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class SetupStepTests(PropertiesHost host)
{
    [Fact]
    public async Task The_setup_step_calls_every_participant_for_each_property_and_room_type_and_is_idempotent()
    {
        var session = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, _) = await host.CreateHotelAsync(session);
        var second = (await host.CreateRoomTypeAsync(session, propertyId, "SUITE")).GetProperty("id").GetGuid();
        var runner = host.Services.GetRequiredService<IPropertySetupRunner>();
        var before = host.Participant.RoomTypes.Count(t => t.PropertyId == propertyId);

        var first = await runner.RunAsync(session.TenantId, TestContext.Current.CancellationToken);
        var again = await runner.RunAsync(session.TenantId, TestContext.Current.CancellationToken);

        first.ShouldBe(new PropertySetupReport(1, 2, 0));
        again.ShouldBe(first);
        host.Participant.Properties.Count(p => p.Id == propertyId).ShouldBe(3); // created + two setup runs
        host.Participant.RoomTypes.Count(t => t.PropertyId == propertyId).ShouldBe(before + 4);
        host.Participant.RoomTypes.ShouldContain(t => t.Id == roomTypeId);
        host.Participant.RoomTypes.ShouldContain(t => t.Id == second);
    }

    [Fact]
    public async Task Tartware_properties_setup_reseeds_the_catalog_and_prints_what_it_did()
    {
        var session = await host.NewTenantSessionAsync();
        await host.CreateHotelAsync(session);
        await TenantSql.ScalarAsTenantAsync<int>(session.TenantId, "delete from inventory.amenity_catalog where code = 'IRON' returning 1");

        var (code, output, error) = await RunAsync("properties", "setup", "--tenant", session.TenantId.ToString());
        code.ShouldBe(0, error);
        var report = JsonDocument.Parse(output).RootElement;
        report.GetProperty("properties").GetInt32().ShouldBe(1);
        report.GetProperty("roomTypes").GetInt32().ShouldBe(1);
        report.GetProperty("amenityRowsChanged").GetInt32().ShouldBe(1);

        var (_, secondOutput, _) = await RunAsync("properties", "setup", "--tenant", session.TenantId.ToString());
        JsonDocument.Parse(secondOutput).RootElement.GetProperty("amenityRowsChanged").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Tartware_properties_setup_refuses_a_missing_or_empty_tenant()
    {
        (await RunAsync("properties", "setup")).Code.ShouldNotBe(0);
        var (code, _, error) = await RunAsync("properties", "setup", "--tenant", Guid.Empty.ToString());
        code.ShouldBe(2);
        error.ShouldContain("--tenant");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TartwareCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
