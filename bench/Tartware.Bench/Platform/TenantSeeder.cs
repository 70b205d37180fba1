using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Tartware.Bench.Platform;

/// <summary>A seeded room type: its ids and how many rooms it has.</summary>
internal sealed record SeededRoomType(Guid PropertyId, Guid RoomTypeId, string Code, int Rooms, int OversellLimit);

/// <summary>The fresh tenant a scenario runs against.</summary>
internal sealed record SeededTenant(Guid TenantId, string Slug, string Username, string Password, IReadOnlyList<Guid> Properties, IReadOnlyList<SeededRoomType> RoomTypes);

/// <summary>
/// Seeds a fresh tenant per run through <c>tartware tenant create</c> and the public API, never by
/// writing tables, so the bench exercises the same paths a hotel's onboarding does and runs never see
/// each other's data.
/// </summary>
internal sealed class TenantSeeder(string binary, ApiClient api)
{
    public async Task<SeededTenant> SeedAsync(string scenario, int properties, IReadOnlyList<(string Code, int Rooms, int Oversell)> roomTypes, CancellationToken cancellationToken)
    {
        var stamp = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var slug = $"bench-{scenario}-{stamp}";
        var username = $"bench.{scenario}.{stamp}";
        var password = "Bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "-Aa9";
        var (exit, output, error) = await ProcessRunner.RunAsync(binary,
            ["tenant", "create", "--name", $"Bench {scenario} {stamp}", "--slug", slug, "--type", "CHAIN",
             "--owner-username", username, "--owner-email", $"{username}@example.test", "--owner-password", password], cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"tartware tenant create failed ({exit}): {error}{output}");
        }

        var tenantId = TenantIdOf(output) ?? throw new InvalidOperationException($"tartware tenant create printed no tenantId: {output}");
        await api.LoginAsync(username, password, cancellationToken);

        var propertyIds = new List<Guid>();
        var types = new List<SeededRoomType>();
        for (var p = 0; p < properties; p++)
        {
            var property = await api.SendAsync(HttpMethod.Post, "/v1/properties", new
            {
                code = $"B{p + 1}",
                name = $"Bench property {p + 1}",
                timeZone = "Etc/UTC",
                currency = "EUR",
                checkInTime = "15:00",
                checkOutTime = "11:00",
            }, cancellationToken);
            var propertyId = Guid.Parse(property["id"]!.GetValue<string>());
            propertyIds.Add(propertyId);
            var floor = 0;
            foreach (var (code, rooms, oversell) in roomTypes)
            {
                floor++;
                var type = await api.SendAsync(HttpMethod.Post, $"/v1/properties/{propertyId}/room-types", new
                {
                    code,
                    name = $"Bench {code}",
                    bedType = "DOUBLE",
                    baseOccupancy = 2,
                    maxAdults = 2,
                    maxChildren = 2,
                    baseRate = 100,
                    sortOrder = floor,
                }, cancellationToken);
                var typeId = Guid.Parse(type["id"]!.GetValue<string>());
                var list = Enumerable.Range(1, rooms).Select(n => new
                {
                    number = string.Create(CultureInfo.InvariantCulture, $"{floor}{n:000}"),
                    floor,
                    roomTypeId = typeId,
                    features = Array.Empty<string>(),
                }).ToArray();
                await api.SendAsync(HttpMethod.Post, $"/v1/properties/{propertyId}/rooms/bulk", new { rooms = list }, cancellationToken);
                if (oversell > 0)
                {
                    await api.SendAsync(HttpMethod.Put, $"/v1/properties/{propertyId}/availability/oversell",
                        new { roomTypeId = typeId, oversellLimit = oversell, reason = "bench: prove the limit holds" }, cancellationToken);
                }

                types.Add(new SeededRoomType(propertyId, typeId, code, rooms, oversell));
            }
        }

        return new SeededTenant(tenantId, slug, username, password, propertyIds, types);
    }

    /// <summary>
    /// The CLI's answer is one JSON object with <c>tenantId</c>; its structured log lines (JSON too, on the same stdout when the
    /// log level lets warnings through, e.g. a slow start under load) may come before it.
    /// </summary>
    internal static Guid? TenantIdOf(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            try
            {
                if (JsonNode.Parse(line) is JsonObject o && o["tenantId"]?.GetValue<string>() is { } id)
                {
                    return Guid.Parse(id);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // not a JSON line
            }
        }

        // A pretty-printed answer spans lines: try the whole output once.
        try
        {
            return JsonNode.Parse(output)?["tenantId"]?.GetValue<string>() is { } whole ? Guid.Parse(whole) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
