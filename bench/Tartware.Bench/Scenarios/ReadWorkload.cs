using System.Globalization;
using Tartware.Bench.Load;
using Tartware.Bench.Platform;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// The read mix, shared by <c>read</c> and <c>max</c>: the availability grid for 30 nights across every
/// room type of a property (85 %) and lock reads by id (15 %). Reservation reads join when issue 6 lands.
/// </summary>
internal sealed class ReadWorkload
{
    private const int GridShare = 85;
    private readonly List<Guid> _locks = [];
    private SeededTenant? _tenant;
    private DateOnly _today;

    public SeededTenant Tenant => _tenant ?? throw new InvalidOperationException("seed first");

    public async Task SeedAsync(BenchContext context, CancellationToken cancellationToken)
    {
        _tenant = await context.Seeder.SeedAsync(context.Options.Scenario, 2, [("STD", 20, 0), ("SUP", 15, 0), ("DLX", 15, 0), ("STE", 10, 0)], cancellationToken);
        _today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        foreach (var property in _tenant.Properties)
        {
            // The first read of a range materializes its nights (a write); do it before the clock starts.
            await context.Api.SendAsync(HttpMethod.Get, GridPath(property, _today, _today.AddDays(330)), null, cancellationToken);
        }

        for (var i = 0; i < 40; i++)
        {
            var type = _tenant.RoomTypes[i % _tenant.RoomTypes.Count];
            var arrival = _today.AddDays(10 + i);
            var hold = await context.Api.SendAsync(HttpMethod.Post, "/v1/availability/locks", new
            {
                propertyId = type.PropertyId,
                roomTypeId = type.RoomTypeId,
                arrival = Iso(arrival),
                departure = Iso(arrival.AddDays(2)),
                quantity = 1,
                ttlSeconds = 3600,
                idempotencyKey = $"bench-read-{i}-{Guid.NewGuid():N}",
            }, cancellationToken);
            _locks.Add(Guid.Parse(hold["id"]!.GetValue<string>()));
        }
    }

    public async Task<Outcome> SendAsync(BenchContext context, long index, CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        if (Random.Shared.Next(100) < GridShare)
        {
            var property = tenant.Properties[Random.Shared.Next(tenant.Properties.Count)];
            var from = _today.AddDays(Random.Shared.Next(300));
            return (await context.Api.TryAsync(HttpMethod.Get, GridPath(property, from, from.AddDays(30)), null, (_, _) => false, cancellationToken)).Outcome;
        }

        var id = _locks[(int)(index % _locks.Count)];
        return (await context.Api.TryAsync(HttpMethod.Get, $"/v1/availability/locks/{id}", null, (_, _) => false, cancellationToken)).Outcome;
    }

    internal static string GridPath(Guid property, DateOnly from, DateOnly to) => $"/v1/properties/{property}/availability?from={Iso(from)}&to={Iso(to)}";

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
