using System.Text.Json;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ReservationsHostCollection : ICollectionFixture<ReservationsHost>
{
    public const string Name = "reservations-host";
}

/// <summary>The whole platform in one process, processor included, with a short retry schedule so dead-letter tests take seconds.</summary>
public sealed class ReservationsHost : PlatformHost
{
    protected override string Roles => "all";

    protected override Dictionary<string, string?> Overrides()
    {
        var overrides = base.Overrides();
        overrides["Reservations:QuickRetries"] = "2";
        overrides["Reservations:QuickRetryDelay"] = "00:00:00.020";
        overrides["Reservations:RetrySchedule:0"] = "00:00:00.100";
        overrides["Reservations:RetrySchedule:1"] = "00:00:00.200";
        return overrides;
    }
}

/// <summary>Reservation requests against a <see cref="Hotel"/>.</summary>
public static class Booking
{
    public static object Create(Hotel hotel, DateOnly arrival, DateOnly departure, int type = 0, string lastName = "Pereira") => new
    {
        propertyId = hotel.PropertyId,
        roomTypeId = hotel.RoomTypeIds[type],
        arrival,
        departure,
        adults = 2,
        children = 0,
        guest = new { firstName = "Ana", lastName, email = "ana@example.test", phone = "+351912345678" },
        source = "FRONT_DESK",
    };

    public static Dictionary<string, string> Headers(string? key = null, int? wait = null)
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = key ?? Guid.NewGuid().ToString() };
        if (wait is { } seconds)
        {
            headers["Prefer"] = $"wait={seconds}";
        }

        return headers;
    }

    /// <summary>Creates and waits for the outcome (201); returns the reservation.</summary>
    public static Task<JsonElement> ConfirmedAsync(PlatformHost host, Hotel hotel, DateOnly arrival, DateOnly departure, int type = 0) =>
        host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken, Create(hotel, arrival, departure, type), Headers(wait: 30));

    /// <summary>Waits until the reservation's every command is terminal and returns the reservation.</summary>
    public static async Task<JsonElement> SettledAsync(PlatformHost host, string token, Guid reservationId, TimeSpan? timeout = null)
    {
        JsonElement lifecycle = default;
        await Eventually.HoldsAsync(async () =>
        {
            lifecycle = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{reservationId}/lifecycle", token);
            return lifecycle.GetProperty("commands").EnumerateArray().All(c => c.GetProperty("state").GetString() is "APPLIED" or "REJECTED");
        }, timeout ?? TimeSpan.FromSeconds(60), $"every command of {reservationId} is decided");
        return await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{reservationId}", token);
    }
}
