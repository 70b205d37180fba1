using System.Globalization;
using Shouldly;
using Tartware.Host.Cli;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[Collection(ReservationsHostCollection.Name)]
public sealed class ReRateTests(ReservationsHost host)
{
    private static readonly DateOnly Day0 = Hotel.Day0;

    [Fact]
    public async Task A_rerate_after_the_partner_plan_exists_modifies_the_fallback_priced_reservation_through_a_command()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        var body = new
        {
            propertyId = hotel.PropertyId,
            roomTypeId = hotel.RoomTypeIds[0],
            arrival = Day0,
            departure = Day0.AddDays(2),
            adults = 2,
            guest = new { firstName = "Rui", lastName = "Costa" },
            rateCode = "PARTNER10",
        };
        var booked = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", token, body, Booking.Headers(wait: 30));
        booked.GetProperty("rate").GetProperty("rateCode").GetString().ShouldBe("BAR", "PARTNER10 does not exist yet: BAR sells it");
        booked.GetProperty("rate").GetProperty("fallback").GetProperty("reason").GetString().ShouldBe("PLAN_NOT_FOUND");
        var id = booked.GetProperty("id").GetGuid();
        var before = booked.GetProperty("rate").GetProperty("total").GetDecimal();

        var plans = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{hotel.PropertyId}/rate-plans", token);
        var bar = plans.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "BAR").GetProperty("id").GetGuid();
        await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{hotel.PropertyId}/rate-plans", token,
            new { code = "PARTNER10", name = "Partner 10 % off", type = "PROMO", basePlanId = bar, offsetKind = "PERCENT", offsetValue = -10m });

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var args = new[] { "rates", "rerate", "--tenant", hotel.Session.TenantId.ToString(), "--property", hotel.PropertyId.ToString(), "--from", today, "--to", today };
        using (var output = new StringWriter())
        {
            (await TartwareCli.InvokeAsync(args, output, output, TestContext.Current.CancellationToken)).ShouldBe(0, output.ToString());
            output.ToString().ShouldContain("\"modified\":1");
        }

        var after = await Booking.SettledAsync(host, token, id);
        after.GetProperty("rate").GetProperty("rateCode").GetString().ShouldBe("PARTNER10");
        after.GetProperty("rate").GetProperty("total").GetDecimal().ShouldBe(before * 0.9m);
        after.GetProperty("version").GetInt32().ShouldBe(2);
        var kinds = (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{id}/lifecycle", token)).GetProperty("commands")
            .EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        kinds.ShouldBe(["CREATE", "MODIFY"]);

        using (var again = new StringWriter())
        {
            (await TartwareCli.InvokeAsync(args, again, again, TestContext.Current.CancellationToken)).ShouldBe(0, again.ToString());
            again.ToString().ShouldContain("\"modified\":0");
        }
    }
}
