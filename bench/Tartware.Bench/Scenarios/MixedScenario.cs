using System.Collections.Concurrent;
using Tartware.Bench.Load;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>mixed</c>: the load mix the earlier Node.js Tartware was tested with, at a target rate (default 200/s for 60 s, 10 s
/// warm-up): availability 40 %, create 10 %, modify 6 %, cancel 4 %, partner/OTA create 12 %, check-in 4 %, check-out 4 %,
/// reservation reads 8 %, list reads 12 %. The mix is exact per 100 requests (a shuffled deck, not a die). Commands act on
/// reservations this run created: a local pool of confirmed ones (modify, cancel, check-in) and of checked-in ones
/// (check-out), seeded before the clock starts. A command whose reservation the processor has since rejected is rejected in
/// turn; that is counted, not an error. Same invariants as <c>write</c>.
/// </summary>
internal sealed class MixedScenario : IScenario
{
    private enum Op
    {
        Availability,
        Create,
        Modify,
        Cancel,
        PartnerCreate,
        CheckIn,
        CheckOut,
        Read,
        List,
    }

    private static readonly (Op Op, int Share)[] Mix =
    [
        (Op.Availability, 40), (Op.Create, 10), (Op.Modify, 6), (Op.Cancel, 4), (Op.PartnerCreate, 12), (Op.CheckIn, 4), (Op.CheckOut, 4),
        (Op.Read, 8), (Op.List, 12),
    ];

    private readonly ConcurrentQueue<Stay> _confirmed = new();
    private readonly ConcurrentQueue<Stay> _checkedIn = new();
    private readonly ConcurrentBag<Guid> _known = [];
    private Op[] _deck = [];

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var plan = context.Plan(200, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10));
        var workload = new ReservationWorkload();
        // Creates are 22 % of the mix.
        await workload.SeedAsync(context, (plan.Rate * plan.Duration.TotalSeconds * 0.22) + 400, cancellationToken);
        _deck = [.. Mix.SelectMany(m => Enumerable.Repeat(m.Op, m.Share)).OrderBy(_ => Random.Shared.Next())];
        await SeedPoolsAsync(context, workload, cancellationToken);

        await using var sampler = new BacklogSampler(context.ReliabilityProcess, context.Time);
        sampler.Start();
        var result = await context.RunPhaseAsync("mixed", plan, (i, ct) => SendAsync(context, workload, i, ct), cancellationToken);
        var window = new RunWindow(context.LastPhaseStart, context.LastPhaseStart + plan.Warmup, context.LastPhaseStart + plan.Duration);
        var check = await new PipelineCheck(context, workload, sampler).RunAsync(window, context.Faults.Kills, cancellationToken);
        var kinds = workload.Accepted.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        return new ScenarioResult(
            [ReportMapping.Phase("mixed", result, plan.MaxInFlight, context.Baseline)],
            [BenchContext.NoServerErrors(result), .. check.Invariants],
            Notes: [.. check.Notes, $"Accepted commands by kind (seeding included): {string.Join(", ", kinds)}. Applied/s and the timeline count creates (reservation rows by apply time)."],
            Pipeline: check.Report);
    }

    /// <summary>Confirmed reservations to act on from the first second, some already checked in (each waited for with <c>Prefer: wait</c>).</summary>
    private async Task SeedPoolsAsync(BenchContext context, ReservationWorkload workload, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var key = $"bench-mixed-seed-{i}-{Guid.NewGuid():N}";
            var request = workload.CreateBody(-1 - i, partner: false);
            var created = await context.Api.SendAsync(HttpMethod.Post, "/v1/reservations", request, ct, key);
            var accepted = workload.Record(context, Outcome.Ok(202), created)!;
            var stay = new Stay(accepted.ReservationId, request.Arrival, request.Departure);
            _known.Add(stay.Id);
            if (i % 4 == 0)
            {
                var checkIn = await context.Api.SendAsync(HttpMethod.Post, $"/v1/reservations/{stay.Id}/check-in", new { }, ct, key + "-in");
                workload.Record(context, Outcome.Ok(202), checkIn);
                _checkedIn.Enqueue(stay);
            }
            else
            {
                _confirmed.Enqueue(stay);
            }
        });
    }

    private async Task<Outcome> SendAsync(BenchContext context, ReservationWorkload workload, long index, CancellationToken ct)
    {
        var op = _deck[(int)(index % _deck.Length)];
        var key = $"bench-mixed-{index}-{Guid.NewGuid():N}";
        switch (op)
        {
            case Op.Create:
            case Op.PartnerCreate:
                {
                    var request = workload.CreateBody(index, op == Op.PartnerCreate);
                    var (outcome, accepted) = await workload.SendCreateAsync(context, request, key, ct);
                    if (accepted is not null)
                    {
                        _known.Add(accepted.ReservationId);
                        _confirmed.Enqueue(new Stay(accepted.ReservationId, request.Arrival, request.Departure));
                    }

                    return outcome;
                }

            case Op.Modify when _confirmed.TryDequeue(out var r):
                {
                    // Half move the stay a day later (the processor re-claims the inventory), half change the notes only.
                    var move = index % 2 == 1 && r.Departure.AddDays(1) < workload.GridEnd;
                    var next = move ? r with { Arrival = r.Arrival.AddDays(1), Departure = r.Departure.AddDays(1) } : r;
                    object body = move ? new { arrival = next.Arrival, departure = next.Departure, notes = $"bench moved {index}" } : new { notes = $"bench note {index}" };
                    var (outcome, answer) = await context.Api.TryAsync(HttpMethod.Patch, $"/v1/reservations/{r.Id}", body, (_, _) => false, ct,
                        readBody: true, idempotencyKey: key);
                    workload.Record(context, outcome, answer);
                    _confirmed.Enqueue(outcome.Kind == OutcomeKind.Ok ? next : r);
                    return outcome;
                }

            case Op.Cancel when _confirmed.TryDequeue(out var r):
                return await CommandAsync(context, workload, $"/v1/reservations/{r.Id}/cancel", new { reason = "bench: guest cancelled" }, key, ct);

            case Op.CheckIn when _confirmed.TryDequeue(out var r):
                {
                    var outcome = await CommandAsync(context, workload, $"/v1/reservations/{r.Id}/check-in", new { }, key, ct);
                    (outcome.Kind == OutcomeKind.Ok ? _checkedIn : _confirmed).Enqueue(r);
                    return outcome;
                }

            case Op.CheckOut when _checkedIn.TryDequeue(out var r):
                return await CommandAsync(context, workload, $"/v1/reservations/{r.Id}/check-out", new { }, key, ct);

            case Op.Read:
            case Op.Modify:
            case Op.Cancel:
            case Op.CheckIn:
            case Op.CheckOut:
                {
                    // An empty pool (every confirmed reservation is busy in another command) reads one instead of skipping the slot.
                    var known = _known.ToArray();
                    var id = known[Random.Shared.Next(known.Length)];
                    return (await context.Api.TryAsync(HttpMethod.Get, $"/v1/reservations/{id}", null, (_, _) => false, ct)).Outcome;
                }

            case Op.List:
                {
                    var property = workload.Tenant.Properties[Random.Shared.Next(workload.Tenant.Properties.Count)];
                    var from = workload.FirstNight.AddDays(Random.Shared.Next(ReservationWorkload.HorizonDays - 14));
                    return (await context.Api.TryAsync(HttpMethod.Get,
                        $"/v1/reservations?propertyId={property}&arrivalFrom={ReadWorkload.Iso(from)}&arrivalTo={ReadWorkload.Iso(from.AddDays(14))}&limit=50",
                        null, (_, _) => false, ct)).Outcome;
                }

            default:
                {
                    var property = workload.Tenant.Properties[Random.Shared.Next(workload.Tenant.Properties.Count)];
                    var from = workload.FirstNight.AddDays(Random.Shared.Next(ReservationWorkload.HorizonDays - 30));
                    return (await context.Api.TryAsync(HttpMethod.Get, ReadWorkload.GridPath(property, from, from.AddDays(30)), null, (_, _) => false, ct)).Outcome;
                }
        }
    }

    /// <summary>A reservation of this run as the bench last asked for it (a rejected modify leaves the real one where it was; any dates are a valid ask).</summary>
    private sealed record Stay(Guid Id, DateOnly Arrival, DateOnly Departure);

    private static async Task<Outcome> CommandAsync(BenchContext context, ReservationWorkload workload, string path, object body, string key, CancellationToken ct)
    {
        var (outcome, answer) = await context.Api.TryAsync(HttpMethod.Post, path, body, (_, _) => false, ct, readBody: true, idempotencyKey: key);
        workload.Record(context, outcome, answer);
        return outcome;
    }
}
