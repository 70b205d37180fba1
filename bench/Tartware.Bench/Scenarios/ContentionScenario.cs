using System.Collections.Concurrent;
using Tartware.Bench.Load;
using Tartware.Bench.Platform;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>contention</c>: many concurrent clients race single-room holds for a week of nights on three
/// small room types (5 rooms; 3 rooms with an oversell limit of 1; 2 rooms) until they are gone.
/// Checks every night through the grid (held+sold+blocked ≤ capacity+oversell, and held equals what
/// the confirmed holds add up to) and through <c>tartware guard rebuild --verify</c>. Default 200/s for 10 s.
/// </summary>
internal sealed class ContentionScenario : IScenario
{
    private const int WindowNights = 7;

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var tenant = await context.Seeder.SeedAsync("contention", 1, [("A", 5, 0), ("B", 3, 1), ("C", 2, 0)], cancellationToken);
        var start = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime).AddDays(14);
        var property = tenant.Properties[0];
        await context.Api.SendAsync(HttpMethod.Get, ReadWorkload.GridPath(property, start, start.AddDays(WindowNights)), null, cancellationToken);
        var confirmed = new ConcurrentBag<(Guid RoomType, DateOnly Arrival, DateOnly Departure)>();
        var plan = context.Plan(200, TimeSpan.FromSeconds(10), TimeSpan.Zero);

        async Task<Outcome> Send(long index, CancellationToken ct)
        {
            var type = tenant.RoomTypes[Random.Shared.Next(tenant.RoomTypes.Count)];
            var arrival = start.AddDays(Random.Shared.Next(WindowNights - 1));
            var departure = arrival.AddDays(Math.Min(1 + Random.Shared.Next(3), WindowNights - (arrival.DayNumber - start.DayNumber)));
            var (outcome, _) = await context.Api.TryAsync(HttpMethod.Post, "/v1/availability/locks", new
            {
                propertyId = property,
                roomTypeId = type.RoomTypeId,
                arrival = ReadWorkload.Iso(arrival),
                departure = ReadWorkload.Iso(departure),
                quantity = 1,
                ttlSeconds = 3600,
                idempotencyKey = $"bench-contention-{index}-{Guid.NewGuid():N}",
            }, (status, code) => status == 409 && code == "no-availability", ct);
            if (outcome.Kind == OutcomeKind.Ok)
            {
                confirmed.Add((type.RoomTypeId, arrival, departure));
            }

            return outcome;
        }

        var result = await context.RunPhaseAsync("contention", plan, Send, cancellationToken);
        var invariants = new List<InvariantReport> { BenchContext.NoServerErrors(result) };
        invariants.AddRange(await CheckNightsAsync(context, property, tenant.RoomTypes, start, confirmed, cancellationToken));
        invariants.Add(await context.VerifyLedgerAsync(tenant.TenantId, cancellationToken));
        var report = new ContentionReport(result.Scheduled, confirmed.Count, result.Expected, result.Errors, WindowNights, tenant.RoomTypes.Count,
            tenant.RoomTypes.Sum(t => t.Rooms + t.OversellLimit));
        return new ScenarioResult([ReportMapping.Phase("contention", result, plan.MaxInFlight, context.Baseline)], invariants, report);
    }

    private static async Task<IReadOnlyList<InvariantReport>> CheckNightsAsync(BenchContext context, Guid property, IReadOnlyList<SeededRoomType> types,
        DateOnly start, ConcurrentBag<(Guid RoomType, DateOnly Arrival, DateOnly Departure)> confirmed, CancellationToken cancellationToken)
    {
        var grid = await context.Api.SendAsync(HttpMethod.Get, ReadWorkload.GridPath(property, start, start.AddDays(WindowNights)), null, cancellationToken);
        var over = new List<string>();
        var mismatch = new List<string>();
        var checkedNights = 0;
        foreach (var night in grid["nights"]!.AsArray())
        {
            var type = Guid.Parse(night!["roomTypeId"]!.GetValue<string>());
            var date = DateOnly.Parse(night["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var used = night["sold"]!.GetValue<int>() + night["held"]!.GetValue<int>() + night["blocked"]!.GetValue<int>();
            var limit = night["capacity"]!.GetValue<int>() + night["oversellLimit"]!.GetValue<int>();
            var ours = confirmed.Count(c => c.RoomType == type && c.Arrival <= date && date < c.Departure);
            checkedNights++;
            if (used > limit)
            {
                over.Add($"{date} {types.First(t => t.RoomTypeId == type).Code}: {used} > {limit}");
            }

            if (night["held"]!.GetValue<int>() != ours)
            {
                mismatch.Add($"{date} {types.First(t => t.RoomTypeId == type).Code}: held {night["held"]} vs confirmed {ours}");
            }
        }

        return
        [
            new InvariantReport("held ≤ capacity + oversell on every night", over.Count == 0 && checkedNights > 0,
                over.Count == 0 ? $"{checkedNights} room-type nights checked" : string.Join("; ", over.Take(10))),
            new InvariantReport("held equals the confirmed holds on every night", mismatch.Count == 0,
                mismatch.Count == 0 ? $"{confirmed.Count} confirmed holds add up" : string.Join("; ", mismatch.Take(10))),
        ];
    }
}
