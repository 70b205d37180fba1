using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Contracts.Properties;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.ServiceDefaults.Data;
using Xunit;

namespace Tartware.Properties.Tests;

[Collection(PropertiesHostCollection.Name)]
public sealed class PropertyDirectoryTests(PropertiesHost host)
{
    [Fact]
    public async Task The_directory_answers_inside_the_callers_transaction_and_only_for_its_tenant()
    {
        var owner = await host.NewTenantSessionAsync();
        var other = await host.NewTenantSessionAsync();
        var (propertyId, roomTypeId, _) = await host.CreateHotelAsync(owner);
        await host.CreateRoomTypeAsync(owner, propertyId, "AAA");
        var directory = host.Services.GetRequiredService<IPropertyDirectory>();
        var units = host.Services.GetRequiredService<IUnitOfWorkFactory>();
        var cancellationToken = TestContext.Current.CancellationToken;

        await using (var unit = await units.BeginAsync(owner.TenantId, cancellationToken))
        {
            var property = await directory.FindPropertyAsync(unit.Transaction, propertyId, cancellationToken);
            property.ShouldNotBeNull();
            property.TenantId.ShouldBe(owner.TenantId);
            property.TimeZone.ShouldBe("Europe/Lisbon");
            var roomTypes = await directory.ListRoomTypesAsync(unit.Transaction, propertyId, cancellationToken);
            roomTypes.Count.ShouldBe(2);
            roomTypes[0].Code.ShouldBe("AAA"); // same sort order, so by code
            roomTypes.ShouldContain(t => t.Id == roomTypeId && t.BaseRate == 120.50m && t.MaxAdults == 2);
        }

        await using (var unit = await units.BeginAsync(other.TenantId, cancellationToken))
        {
            (await directory.FindPropertyAsync(unit.Transaction, propertyId, cancellationToken)).ShouldBeNull();
            (await directory.ListRoomTypesAsync(unit.Transaction, propertyId, cancellationToken)).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_property_holds_only_so_many_custom_amenities()
    {
        var session = await host.NewTenantSessionAsync();
        var propertyId = (await host.CreatePropertyAsync(session)).GetProperty("id").GetGuid();
        for (var i = 0; i < PropertiesHost.MaxCustomAmenities; i++)
        {
            await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/CUSTOM_{i}", session.AccessToken,
                new { name = $"Custom {i}", category = "OTHER" });
        }

        var problem = await host.SendExpectingAsync(422, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/ONE_TOO_MANY", session.AccessToken,
            new { name = "One too many", category = "OTHER" });
        problem.GetProperty("code").GetString().ShouldBe("amenity-limit-reached");
        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{propertyId}/amenities/CUSTOM_0", session.AccessToken, new { icon = "star" });
    }
}
