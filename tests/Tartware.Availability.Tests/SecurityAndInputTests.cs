using System.Net;
using Microsoft.Extensions.Hosting;
using Shouldly;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class SecurityAndInputTests(AvailabilityHost host)
{
    private static readonly DateOnly Arrival = Hotel.Day0.AddDays(200);

    [Fact]
    public async Task Cross_tenant_matrix_every_availability_endpoint_answers_404_for_another_tenants_ids()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var intruder = await host.NewTenantSessionAsync();
        var hold = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1)));
        var lockId = hold.GetProperty("id").GetGuid();
        var range = $"from={Arrival:yyyy-MM-dd}&to={Arrival.AddDays(2):yyyy-MM-dd}";
        await CrossTenantMatrix.AssertWalledAsync(host, hotel.Session, intruder,
        [
            new(HttpMethod.Get, $"/v1/properties/{hotel.PropertyId}/availability?{range}"),
            new(HttpMethod.Get, $"/v1/availability/locks/{lockId}"),
            new(HttpMethod.Get, $"/v1/availability/locks/{lockId}/audit"),
            new(HttpMethod.Delete, $"/v1/availability/locks/{lockId}"),
            new(HttpMethod.Post, $"/v1/availability/locks/{lockId}/manual-release", new { reason = "x" }),
            new(HttpMethod.Post, "/v1/availability/locks", Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1))),
            new(HttpMethod.Post, $"/v1/properties/{hotel.PropertyId}/blackouts", new { from = Arrival, to = Arrival.AddDays(1), reason = "x", idempotencyKey = "x" }),
            new(HttpMethod.Put, $"/v1/properties/{hotel.PropertyId}/availability/oversell", new { roomTypeId = hotel.RoomTypeIds[0], oversellLimit = 1 }),
        ]);
        // The intruder's bulk release cannot touch the lock either (it is "not found" there), and the hold is intact.
        var bulk = await host.SendExpectingAsync(200, HttpMethod.Post, "/v1/availability/locks/bulk-release", intruder.AccessToken,
            new { lockIds = new[] { lockId }, reason = "x" });
        bulk.GetProperty("notFound").EnumerateArray().Single().GetGuid().ShouldBe(lockId);
        (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/availability/locks/{lockId}", hotel.Session.AccessToken))
            .GetProperty("status").GetString().ShouldBe("ACTIVE");
    }

    [Fact]
    public async Task Bad_input_is_a_400_listing_every_field_and_never_a_500()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            new { arrival = Arrival, departure = Arrival, quantity = 0 });
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["propertyId", "roomTypeId", "departure", "quantity", "ttlSeconds", "idempotencyKey"], ignoreOrder: true);

        await host.SendExpectingAsync(400, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Arrival, departure = Arrival.AddDays(400), ttlSeconds = 60, idempotencyKey = "k" });
        await host.SendExpectingAsync(400, HttpMethod.Get, $"/v1/properties/{hotel.PropertyId}/availability?from=2031-01-05&to=2031-01-01", hotel.Session.AccessToken);
        await host.SendExpectingAsync(400, HttpMethod.Get, $"/v1/properties/{hotel.PropertyId}/availability?from=not-a-date&to=2031-01-01", hotel.Session.AccessToken);
        await host.SendExpectingAsync(422, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            new { propertyId = hotel.PropertyId, roomTypeId = Guid.NewGuid(), arrival = Arrival, departure = Arrival.AddDays(1), ttlSeconds = 60, idempotencyKey = "k" });
        await host.SendExpectingAsync(404, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            new { propertyId = Guid.NewGuid(), roomTypeId = hotel.RoomTypeIds[0], arrival = Arrival, departure = Arrival.AddDays(1), ttlSeconds = 60, idempotencyKey = "k" });
        using var malformed = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/availability/locks")
        {
            Headers = { Authorization = new("Bearer", hotel.Session.AccessToken) },
            Content = new StringContent("{\"arrival\": 12", System.Text.Encoding.UTF8, "application/json"),
        });
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_viewer_reads_availability_but_cannot_hold_and_staff_cannot_change_the_oversell_policy()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var viewer = await hotel.UserTokenAsync(host, "VIEWER");
        var staff = await hotel.UserTokenAsync(host, "STAFF");
        await host.SendExpectingAsync(200, HttpMethod.Get,
            $"/v1/properties/{hotel.PropertyId}/availability?from={Arrival:yyyy-MM-dd}&to={Arrival.AddDays(1):yyyy-MM-dd}", viewer);
        (await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", viewer, Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.SendAsync(HttpMethod.Put, $"/v1/properties/{hotel.PropertyId}/availability/oversell", staff,
            new { roomTypeId = hotel.RoomTypeIds[0], oversellLimit = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.SendAsync(HttpMethod.Get, $"/v1/availability/locks/{Guid.NewGuid()}", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_scoped_to_one_property_gets_404_on_every_route_of_another()
    {
        var first = await Hotel.CreateAsync(host, 1);
        var second = await Hotel.CreateAsync(host, first.Session, 1);
        var username = "scoped-" + Guid.NewGuid().ToString("N")[..8];
        var user = new
        {
            username,
            email = username + "@example.test",
            password = PlatformHost.Password,
            role = "MANAGER",
            propertyIds = new[] { first.PropertyId },
        };
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/users", first.Session.AccessToken, user);
        var scoped = (await host.LoginOkAsync(username)).GetProperty("accessToken").GetString()!;
        var range = $"from={Arrival:yyyy-MM-dd}&to={Arrival.AddDays(1):yyyy-MM-dd}";

        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{first.PropertyId}", scoped);
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{first.PropertyId}/availability?{range}", scoped);
        var owner = second.Session;
        foreach (var path in new[]
        {
            $"/v1/properties/{second.PropertyId}",
            $"/v1/properties/{second.PropertyId}/availability?{range}",
            $"/v1/properties/{second.PropertyId}/room-types",
            $"/v1/properties/{second.PropertyId}/rate-plans",
        })
        {
            var problem = await host.SendExpectingAsync(404, HttpMethod.Get, path, scoped);
            problem.GetProperty("code").GetString().ShouldBe("not-found");
            await host.SendExpectingAsync(200, HttpMethod.Get, path, owner.AccessToken); // the owner sees it: the 404 is the scope
        }

        await host.SendExpectingAsync(404, HttpMethod.Post, $"/v1/properties/{second.PropertyId}/blackouts", scoped,
            new { from = Arrival, to = Arrival.AddDays(1), reason = "x", idempotencyKey = "scoped" });
    }

    [Theory]
    [InlineData("update availability.lock_events set reason = 'rewritten'")]
    [InlineData("delete from availability.lock_events")]
    [InlineData("delete from messaging.operations_audit")]
    public async Task Audit_tables_are_append_only_for_the_serving_role(string sql)
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, sql));
        error.SqlState.ShouldBe(Npgsql.PostgresErrorCodes.InsufficientPrivilege);
    }

    [Theory]
    [InlineData("Production", true, false)]
    [InlineData("Development", true, true)]
    [InlineData("Production", false, true)]
    public void Shadow_mode_is_refused_in_production(string environment, bool shadow, bool valid)
    {
        var validator = new AvailabilityOptionsValidator(new Environment(environment));
        var result = validator.Validate(null, new AvailabilityOptions { ShadowMode = shadow });
        result.Succeeded.ShouldBe(valid);
        if (!valid)
        {
            (result.FailureMessage ?? "").ShouldContain("Availability:ShadowMode");
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tartware";

        public string ContentRootPath { get; set; } = "/";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
