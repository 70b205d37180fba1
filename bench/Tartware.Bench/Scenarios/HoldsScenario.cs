using System.Collections.Concurrent;
using System.Net;
using Tartware.Bench.Load;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>holds</c>: the write path available before reservations exist: two hold creates for every release,
/// across two properties and a year of arrival dates (default 100/s for 30 s, 5 s warm-up). At the end
/// every hold that got a 2xx must still exist (GET by id) and the ledger must equal the locks, which is
/// what a <c>--kill api</c> run proves survives a SIGKILL. Stands in for <c>write</c> until issue 6.
/// </summary>
internal sealed class HoldsScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var tenant = await context.Seeder.SeedAsync("holds", 2, [("STD", 60, 0), ("DLX", 40, 0)], cancellationToken);
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        foreach (var property in tenant.Properties)
        {
            await context.Api.SendAsync(HttpMethod.Get, ReadWorkload.GridPath(property, today, today.AddDays(330)), null, cancellationToken);
        }

        var created = new ConcurrentBag<Guid>();
        var releasable = new ConcurrentQueue<Guid>();
        var plan = context.Plan(100, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

        async Task<Outcome> Send(long index, CancellationToken ct)
        {
            if (index % 3 == 2 && releasable.TryDequeue(out var id))
            {
                return (await context.Api.TryAsync(HttpMethod.Delete, $"/v1/availability/locks/{id}", null, (_, _) => false, ct)).Outcome;
            }

            var type = tenant.RoomTypes[Random.Shared.Next(tenant.RoomTypes.Count)];
            var arrival = today.AddDays(1 + Random.Shared.Next(320));
            var (outcome, body) = await context.Api.TryAsync(HttpMethod.Post, "/v1/availability/locks", new
            {
                propertyId = type.PropertyId,
                roomTypeId = type.RoomTypeId,
                arrival = ReadWorkload.Iso(arrival),
                departure = ReadWorkload.Iso(arrival.AddDays(1 + Random.Shared.Next(3))),
                quantity = 1,
                ttlSeconds = 1800,
                idempotencyKey = $"bench-holds-{index}-{Guid.NewGuid():N}",
            }, (status, code) => status == 409 && code == "no-availability", ct, readBody: true);
            if (outcome.Kind == OutcomeKind.Ok && body?["id"]?.GetValue<string>() is { } created1)
            {
                var lockId = Guid.Parse(created1);
                created.Add(lockId);
                releasable.Enqueue(lockId);
            }

            return outcome;
        }

        var result = await context.RunPhaseAsync("holds", plan, Send, cancellationToken);
        var invariants = new List<InvariantReport>
        {
            BenchContext.NoServerErrors(result),
            await EveryAcceptedHoldExistsAsync(context, created, cancellationToken),
            await context.VerifyLedgerAsync(tenant.TenantId, cancellationToken),
        };
        return new ScenarioResult([ReportMapping.Phase("holds", result, plan.MaxInFlight, context.Baseline)], invariants);
    }

    private static async Task<InvariantReport> EveryAcceptedHoldExistsAsync(BenchContext context, IReadOnlyCollection<Guid> created, CancellationToken cancellationToken)
    {
        var missing = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(created, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var (outcome, _) = await context.Api.TryAsync(HttpMethod.Get, $"/v1/availability/locks/{id}", null, (_, _) => false, ct);
                if (outcome.Kind == OutcomeKind.Ok)
                {
                    return;
                }

                // Only a clear "not there" counts as lost; a throttled or refused read is asked again.
                if (outcome.Status == (int)HttpStatusCode.NotFound || attempt >= 5)
                {
                    missing.Add($"{id}: {outcome.Key}");
                    return;
                }

                await Task.Delay(200, ct);
            }
        });
        return new InvariantReport("every 2xx hold exists", missing.IsEmpty,
            missing.IsEmpty ? $"{created.Count} accepted holds read back by id" : $"{missing.Count} missing: {string.Join("; ", missing.Take(5))}");
    }
}
