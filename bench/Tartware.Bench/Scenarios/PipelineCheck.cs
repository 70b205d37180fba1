using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Tartware.Bench.Load;
using Tartware.Bench.Platform;
using Tartware.Bench.Reports;

namespace Tartware.Bench.Scenarios;

/// <summary>The measured window of a reservation run, in wall-clock time (lifecycle timestamps are the database's clock on the same machine).</summary>
internal sealed record RunWindow(DateTimeOffset Start, DateTimeOffset MeasuredFrom, DateTimeOffset End);

/// <summary>
/// What happened behind the 202s of a reservation run, read back through the public API only, and the invariants:
/// every 2xx command reached APPLIED or REJECTED; nothing applied twice (row ids unique and all ours, one terminal transition per
/// command, confirmation numbers unique and gap-free per property, confirmed ≤ accepted); the grid's sold nights equal the nights
/// of the active reservations; the outbox drained with no dead letters. Also measures accept → APPLIED latency, applied/s, the
/// backlog over time and the pipeline recovery after each fault.
/// </summary>
internal sealed class PipelineCheck(BenchContext context, ReservationWorkload workload, BacklogSampler sampler)
{
    private static readonly string[] Active = ["CONFIRMED", "CHECKED_IN"];

    public sealed record CheckResult(PipelineReport Report, IReadOnlyList<InvariantReport> Invariants, IReadOnlyList<string> Notes);

    private sealed record Row(Guid Id, Guid PropertyId, Guid RoomTypeId, string Status, string? Confirmation, DateOnly Arrival, DateOnly Departure,
        DateTimeOffset CreatedAt, string? RejectionCode);

    private sealed record Transition(string? From, string To, DateTimeOffset At);

    private sealed record Command(Guid Id, string Kind, string State, string? RejectionCode, IReadOnlyList<Transition> Transitions)
    {
        public DateTimeOffset? Received => Transitions.FirstOrDefault(t => t.To == "RECEIVED")?.At;

        public DateTimeOffset? Terminal => Transitions.LastOrDefault(t => t.To is "APPLIED" or "REJECTED")?.At;
    }

    public async Task<CheckResult> RunAsync(RunWindow window, IReadOnlyList<KillEvent> faults, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var unknown = workload.Unknown;
        if (unknown > 0)
        {
            var resolved = await workload.ResolveUnknownAsync(context, cancellationToken);
            notes.Add($"{unknown} creates got no answer during the load (client timeout or lost connection); sent again with their Idempotency-Key after it, as a client would: {resolved} answered 202 (the stored answer where the first attempt had been accepted).");
        }

        var accepted = workload.Accepted.ToList();
        var creates = accepted.Where(a => a.Kind == "CREATE").ToList();
        var createIds = creates.Select(c => c.ReservationId).ToHashSet();

        var (rows, drained, drainNote) = await DrainAsync(creates, cancellationToken);
        if (drainNote is not null)
        {
            notes.Add(drainNote);
        }

        // Lifecycles: every k-th create (the e2e sample) and every reservation that got any other command (to see those commands end).
        var every = context.Options.LifecycleEvery ?? Math.Max(1, (int)Math.Ceiling(creates.Count / 10_000.0));
        var sampledCreates = creates.Where((_, i) => i % every == 0).Select(c => c.ReservationId);
        var otherIds = accepted.Where(a => a.Kind != "CREATE").Select(a => a.ReservationId);
        var lifecycleIds = sampledCreates.Concat(otherIds).Distinct().ToList();
        var lifecycles = await LifecyclesAsync(lifecycleIds, cancellationToken);

        var invariants = new List<InvariantReport>
        {
            EveryCommandTerminal(accepted, createIds, rows, lifecycles),
            NothingAppliedTwice(createIds, rows, lifecycles),
            ConfirmationNumbers(rows, creates.Count),
            await InventoryMatchesAsync(rows, cancellationToken),
            await context.VerifyLedgerAsync(workload.Tenant.TenantId, cancellationToken),
            await OutboxDrainedAsync(cancellationToken),
        };

        var e2e = new LatencyHistogram();
        var sampledCommands = lifecycles.Values.SelectMany(c => c).Where(c => c.Received is not null && c.Terminal is not null).ToList();
        foreach (var c in sampledCommands.Where(c => c.Received >= window.MeasuredFrom && c.Received < window.End))
        {
            e2e.Record((long)(c.Terminal!.Value - c.Received!.Value).TotalMicroseconds);
        }

        var measuredSeconds = Math.Max(1e-9, (window.End - window.MeasuredFrom).TotalSeconds);
        var appliedInWindow = rows.Values.Count(r => createIds.Contains(r.Id) && r.CreatedAt >= window.MeasuredFrom && r.CreatedAt < window.End);
        var acceptedInWindow = creates.Count(c => c.AcceptedAt >= window.MeasuredFrom && c.AcceptedAt < window.End);
        var lastTerminal = rows.Values.Select(r => r.CreatedAt).Concat(lifecycles.Values.SelectMany(c => c).Select(c => c.Terminal ?? DateTimeOffset.MinValue))
            .DefaultIfEmpty(window.End).Max();
        var drainSeconds = drained ? Math.Round(Math.Max(0, (lastTerminal - window.End).TotalSeconds), 1) : (double?)null;

        // Caught up: accept → applied back under this bound (3× the median before the first fault, at least 250 ms, the issue's p99 target).
        var firstFault = faults.Count > 0 ? faults.Min(f => f.At) : DateTimeOffset.MaxValue;
        var calm = sampledCommands.Where(c => c.Received >= window.MeasuredFrom && c.Received < firstFault)
            .Select(c => (c.Terminal!.Value - c.Received!.Value).TotalMilliseconds).Order().ToList();
        var bound = Math.Max(250, calm.Count > 0 ? calm[calm.Count / 2] * 3 : 250);
        AttributeRecovery(faults, creates, rows, sampledCommands, bound);

        // Not an invariant (the lifecycle validates its own transitions), but a skipped or repeated state is worth seeing.
        var paths = lifecycles.Values.SelectMany(c => c).GroupBy(c => string.Join("→", c.Transitions.Select(t => t.To)), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}");
        notes.Add($"Lifecycle paths of the {lifecycles.Values.Sum(c => c.Count)} commands read: {string.Join("; ", paths.Take(6))}.");
        var timeline = Timeline(window, creates, rows, sampledCommands);
        var rejectedRows = rows.Values.Where(r => r.Status == "REJECTED" && createIds.Contains(r.Id)).ToList();
        var rejectedByCode = lifecycles.Values.SelectMany(c => c).Where(c => c.State == "REJECTED")
            .Select(c => $"{c.Kind} {c.RejectionCode ?? "?"}" + (c.Kind == "CREATE" ? " (sampled)" : string.Empty))
            .Concat(rejectedRows.Select(r => $"CREATE {r.RejectionCode ?? "?"}"))
            .GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var report = new PipelineReport(
            accepted.Count,
            rows.Values.Count(r => createIds.Contains(r.Id) && r.Status != "REJECTED"),
            rejectedRows.Count,
            Math.Round(appliedInWindow / measuredSeconds, 1),
            Math.Round(acceptedInWindow / measuredSeconds, 1),
            lifecycles.Count,
            every,
            ReportMapping.Latency(e2e),
            drainSeconds,
            faults.Count > 0 ? Math.Round(bound, 1) : null,
            timeline,
            new SortedDictionary<string, long>(rejectedByCode, StringComparer.Ordinal));
        return new CheckResult(report, invariants, notes);
    }

    /// <summary>
    /// Waits for the outbox to empty and for the last accepted creates to be terminal (a few reads a second, so the wait does not
    /// compete with the processor it waits for), takes the profile there, then reads every reservation of the tenant; creates still
    /// missing are asked for by id until they are no longer PENDING or the drain timeout passes.
    /// </summary>
    private async Task<(Dictionary<Guid, Row> Rows, bool Drained, string? Note)> DrainAsync(List<AcceptedCommand> creates, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + context.Options.DrainTimeout;
        while (context.Time.GetUtcNow() < deadline)
        {
            if (await sampler.ReadAsync(cancellationToken) is { OutboxBacklog: 0 })
            {
                break;
            }

            await Task.Delay(1000, cancellationToken);
        }

        // Partitions apply in order, so the last accepted creates are about the last to be applied.
        var tail = creates.OrderBy(c => c.AcceptedAt).TakeLast(32).Select(c => c.ReservationId).ToList();
        while (tail.Count > 0 && context.Time.GetUtcNow() < deadline)
        {
            tail = await StillPendingAsync(tail, cancellationToken);
            if (tail.Count > 0)
            {
                await Task.Delay(1000, cancellationToken);
            }
        }

        await context.SnapshotProfileAsync(cancellationToken);
        var rows = await ListAllAsync(cancellationToken);
        var missing = creates.Select(c => c.ReservationId).Where(id => !rows.ContainsKey(id)).ToList();
        while (missing.Count > 0 && context.Time.GetUtcNow() < deadline)
        {
            await Task.Delay(1000, cancellationToken);
            var still = await StillPendingAsync(missing.Take(64).ToList(), cancellationToken);
            if (still.Count < Math.Min(64, missing.Count))
            {
                rows = await ListAllAsync(cancellationToken);
                missing = [.. missing.Where(id => !rows.ContainsKey(id))];
            }
        }

        var drained = missing.Count == 0;
        var note = drained ? null : $"{missing.Count} creates were not terminal {context.Options.DrainTimeout.TotalSeconds:0} s after the load (drain timeout).";
        return (rows, drained, note);
    }

    private async Task<List<Guid>> StillPendingAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var still = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var (outcome, body) = await context.Api.TryAsync(HttpMethod.Get, $"/v1/reservations/{id}", null, (_, _) => false, ct, readBody: true);
            if (outcome.Kind != OutcomeKind.Ok || body?["status"]?.GetValue<string>() is null or "PENDING")
            {
                still.Add(id);
            }
        });
        return [.. still];
    }

    private async Task<Dictionary<Guid, Row>> ListAllAsync(CancellationToken cancellationToken)
    {
        var rows = new ConcurrentDictionary<Guid, Row>();
        var duplicates = 0;
        await Parallel.ForEachAsync(workload.Tenant.Properties, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (property, ct) =>
        {
            string? after = null;
            do
            {
                var page = await context.Api.SendAsync(HttpMethod.Get,
                    $"/v1/reservations?propertyId={property}&limit=200" + (after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}"), null, ct);
                foreach (var item in page["items"]!.AsArray())
                {
                    var row = ParseRow(item!);
                    if (!rows.TryAdd(row.Id, row))
                    {
                        Interlocked.Increment(ref duplicates);
                    }
                }

                after = page["next"]?.GetValue<string>();
            }
            while (after is not null);
        });
        if (duplicates > 0)
        {
            throw new InvalidOperationException($"the reservation list returned {duplicates} rows twice (keyset paging)");
        }

        return new Dictionary<Guid, Row>(rows);
    }

    private static Row ParseRow(JsonNode item) => new(
        Guid.Parse(item["id"]!.GetValue<string>()),
        Guid.Parse(item["propertyId"]!.GetValue<string>()),
        Guid.Parse(item["roomTypeId"]!.GetValue<string>()),
        item["status"]!.GetValue<string>(),
        item["confirmationNumber"]?.GetValue<string>(),
        Date(item["arrival"]!),
        Date(item["departure"]!),
        item["createdAt"]!.GetValue<DateTimeOffset>(),
        item["rejection"]?["code"]?.GetValue<string>());

    private async Task<Dictionary<Guid, List<Command>>> LifecyclesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<Guid, List<Command>>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var body = await context.Api.SendAsync(HttpMethod.Get, $"/v1/reservations/{id}/lifecycle", null, ct);
            result[id] = [.. body["commands"]!.AsArray().Select(c => new Command(
                Guid.Parse(c!["commandId"]!.GetValue<string>()),
                c["kind"]!.GetValue<string>(),
                c["state"]!.GetValue<string>(),
                c["rejection"]?["code"]?.GetValue<string>(),
                [.. c["transitions"]!.AsArray().Select(t => new Transition(t!["from"]?.GetValue<string>(), t["to"]!.GetValue<string>(), t["at"]!.GetValue<DateTimeOffset>()))]))];
        });
        return new Dictionary<Guid, List<Command>>(result);
    }

    private static InvariantReport EveryCommandTerminal(List<AcceptedCommand> accepted, HashSet<Guid> createIds, Dictionary<Guid, Row> rows,
        Dictionary<Guid, List<Command>> lifecycles)
    {
        var problems = new List<string>();
        var missingCreates = createIds.Count(id => !rows.ContainsKey(id));
        if (missingCreates > 0)
        {
            problems.Add($"{missingCreates} accepted creates have no APPLIED/REJECTED reservation row");
        }

        var checkedCommands = 0;
        foreach (var a in accepted.Where(a => lifecycles.ContainsKey(a.ReservationId)))
        {
            checkedCommands++;
            var command = lifecycles[a.ReservationId].FirstOrDefault(c => c.Id == a.CommandId);
            if (command is null)
            {
                problems.Add($"command {a.CommandId} ({a.Kind}) missing from the lifecycle of {a.ReservationId}");
            }
            else if (command.State is not ("APPLIED" or "REJECTED"))
            {
                problems.Add($"command {a.CommandId} ({a.Kind}) of {a.ReservationId} is {command.State}");
            }
        }

        return new InvariantReport("every 2xx command reached APPLIED or REJECTED", problems.Count == 0,
            problems.Count == 0
                ? $"{createIds.Count} creates read back as reservations; {checkedCommands} commands checked in {lifecycles.Count} lifecycles (all non-create commands)"
                : string.Join("; ", problems.Take(8)) + (problems.Count > 8 ? $"; … {problems.Count} in all" : string.Empty));
    }

    private static InvariantReport NothingAppliedTwice(HashSet<Guid> createIds, Dictionary<Guid, Row> rows, Dictionary<Guid, List<Command>> lifecycles)
    {
        var problems = new List<string>();
        var foreign = rows.Keys.Count(id => !createIds.Contains(id));
        if (foreign > 0)
        {
            problems.Add($"{foreign} reservations that no accepted create made");
        }

        foreach (var (id, commands) in lifecycles)
        {
            foreach (var c in commands)
            {
                var terminals = c.Transitions.Count(t => t.To is "APPLIED" or "REJECTED");
                if (terminals > 1)
                {
                    problems.Add($"command {c.Id} of {id} has {terminals} terminal transitions");
                }
            }
        }

        return new InvariantReport("no command applied twice", problems.Count == 0,
            problems.Count == 0 ? $"{rows.Count} rows, all from accepted creates; every sampled command has at most one APPLIED/REJECTED transition"
                : string.Join("; ", problems.Take(8)));
    }

    private static InvariantReport ConfirmationNumbers(Dictionary<Guid, Row> rows, int acceptedCreates)
    {
        var problems = new List<string>();
        var confirmed = rows.Values.Where(r => r.Status != "REJECTED").ToList();
        foreach (var property in confirmed.GroupBy(r => r.PropertyId))
        {
            var numbers = property.Select(r => long.TryParse(r.Confirmation, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Order().ToList();
            var duplicates = numbers.Count - numbers.Distinct().Count();
            var contiguous = numbers.Select((n, i) => n == i + 1).All(x => x);
            if (duplicates > 0 || !contiguous)
            {
                problems.Add($"property {property.Key}: {numbers.Count} numbers, {duplicates} duplicates, {(contiguous ? "contiguous" : $"not 1..{numbers.Count} (max {numbers.LastOrDefault()})")}");
            }
        }

        if (confirmed.Count > acceptedCreates)
        {
            problems.Add($"{confirmed.Count} confirmed > {acceptedCreates} accepted creates");
        }

        return new InvariantReport("confirmation numbers unique and gap-free per property; confirmed ≤ accepted", problems.Count == 0,
            problems.Count == 0 ? $"{confirmed.Count} confirmed of {acceptedCreates} accepted creates" : string.Join("; ", problems.Take(5)));
    }

    private async Task<InvariantReport> InventoryMatchesAsync(Dictionary<Guid, Row> rows, CancellationToken cancellationToken)
    {
        var from = workload.FirstNight.AddDays(-1);
        var problems = new List<string>();
        var nights = 0;
        var soldTotal = 0L;
        foreach (var property in workload.Tenant.Properties)
        {
            var expected = new Dictionary<(Guid, DateOnly), int>();
            foreach (var r in rows.Values.Where(r => r.PropertyId == property && Active.Contains(r.Status)))
            {
                for (var d = r.Arrival; d < r.Departure; d = d.AddDays(1))
                {
                    expected[(r.RoomTypeId, d)] = expected.GetValueOrDefault((r.RoomTypeId, d)) + 1;
                }
            }

            var grid = await context.Api.SendAsync(HttpMethod.Get, ReadWorkload.GridPath(property, from, workload.GridEnd), null, cancellationToken);
            foreach (var night in grid["nights"]!.AsArray())
            {
                var type = Guid.Parse(night!["roomTypeId"]!.GetValue<string>());
                var date = Date(night["date"]!);
                var sold = night["sold"]!.GetValue<int>();
                var held = night["held"]!.GetValue<int>();
                var want = expected.GetValueOrDefault((type, date));
                nights++;
                soldTotal += sold;
                if (sold != want || held != 0)
                {
                    problems.Add($"{date} {type}: sold {sold}, held {held}; active reservations {want}");
                }

                if (sold + held + night["blocked"]!.GetValue<int>() > night["capacity"]!.GetValue<int>() + night["oversellLimit"]!.GetValue<int>())
                {
                    problems.Add($"{date} {type}: oversold ({sold} sold of {night["capacity"]})");
                }
            }
        }

        return new InvariantReport("grid sold nights equal the nights of active reservations", problems.Count == 0 && nights > 0,
            problems.Count == 0 ? $"{nights} room-type nights, {soldTotal} sold room-nights, all matching" : $"{problems.Count} nights differ: {string.Join("; ", problems.Take(6))}");
    }

    private async Task<InvariantReport> OutboxDrainedAsync(CancellationToken cancellationToken)
    {
        // /health/reliability is platform-wide: on a database other work shares (the test suite's smoke runs),
        // someone else's rows may be in flight at any one instant, so the check waits up to 30 s for a clean sample.
        var sample = await sampler.ReadAsync(cancellationToken);
        for (var i = 0; i < 60 && sample is not { OutboxBacklog: 0, OutboxDlq: 0, DeadLetters: 0, Stalled: 0 }; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            sample = await sampler.ReadAsync(cancellationToken);
        }

        var passed = sample is { OutboxBacklog: 0, OutboxDlq: 0, DeadLetters: 0, Stalled: 0 };
        return new InvariantReport("outbox drained, no dead letters, nothing stalled", passed,
            sample is null ? "/health/reliability did not answer"
                : $"outbox backlog {sample.OutboxBacklog}, outbox DLQ {sample.OutboxDlq}, dead letters {sample.DeadLetters}, stalled {sample.Stalled}, consumer lag {sample.ConsumerLag} (trails by up to 5 s)");
    }

    /// <summary>
    /// Per pipeline fault: when commands move again, and when the backlog it caused is gone. Moving again is, after a processor kill,
    /// the first reservation applied after the kill (nothing applies while no processor runs; all creates count); after a dispatcher
    /// kill or a broker outage, the first PUBLISHED of a sampled command accepted after the fault (the processor may meanwhile apply
    /// what was already published, so applies say nothing there). Caught up: the first create accepted after the fault that was
    /// applied within <paramref name="boundMs"/> of its acceptance (the bench's accept time, a little after RECEIVED, to the row's
    /// creation in the applying transaction).
    /// </summary>
    private static void AttributeRecovery(IReadOnlyList<KillEvent> faults, List<AcceptedCommand> creates, Dictionary<Guid, Row> rows,
        IReadOnlyList<Command> sampled, double boundMs)
    {
        var ordered = creates.Where(c => rows.ContainsKey(c.ReservationId)).OrderBy(c => c.AcceptedAt).ToList();
        foreach (var fault in faults.Where(f => f.Kind == "broker-outage" || f.Role is "processor" or "dispatcher"))
        {
            DateTimeOffset? moving = fault.Role == "processor"
                ? rows.Values.Where(r => r.CreatedAt > fault.At).Select(r => (DateTimeOffset?)r.CreatedAt).Min()
                : sampled.Where(c => c.Received >= fault.At).SelectMany(c => c.Transitions).Where(t => t.To == "PUBLISHED").Select(t => (DateTimeOffset?)t.At).Min();
            fault.PipelineRecoveryMs = moving is { } m ? Math.Round((m - fault.At).TotalMilliseconds, 1) : null;
            var normal = ordered.FirstOrDefault(c => c.AcceptedAt >= fault.At && (rows[c.ReservationId].CreatedAt - c.AcceptedAt).TotalMilliseconds <= boundMs);
            fault.CaughtUpMs = normal is null ? null : Math.Round((rows[normal.ReservationId].CreatedAt - fault.At).TotalMilliseconds, 1);
        }
    }

    private IReadOnlyList<PipelineSecond> Timeline(RunWindow window, List<AcceptedCommand> creates, Dictionary<Guid, Row> rows, List<Command> sampled)
    {
        int Second(DateTimeOffset t) => (int)Math.Floor((t - window.Start).TotalSeconds);
        var accepted = creates.GroupBy(c => Second(c.AcceptedAt)).ToDictionary(g => g.Key, g => (long)g.Count());
        var applied = rows.Values.GroupBy(r => Second(r.CreatedAt)).ToDictionary(g => g.Key, g => (long)g.Count());
        var e2e = sampled.Where(c => c.Kind == "CREATE").GroupBy(c => Second(c.Received!.Value)).ToDictionary(g => g.Key, g =>
        {
            var h = new LatencyHistogram();
            foreach (var c in g)
            {
                h.Record((long)(c.Terminal!.Value - c.Received!.Value).TotalMicroseconds);
            }

            return Math.Round(h.ValueAt(99) / 1000.0, 1);
        });
        var backlog = sampler.Samples.GroupBy(s => Second(s.At)).ToDictionary(g => g.Key, g => g.Last());
        var last = accepted.Keys.Concat(applied.Keys).Concat(backlog.Keys).DefaultIfEmpty(0).Max();
        var list = new List<PipelineSecond>();
        for (var s = 0; s <= Math.Min(last, 3600); s++)
        {
            var b = backlog.GetValueOrDefault(s);
            list.Add(new PipelineSecond(s, accepted.GetValueOrDefault(s), applied.GetValueOrDefault(s), e2e.TryGetValue(s, out var p) ? p : null,
                b?.OutboxBacklog, b?.ConsumerLag));
        }

        return list;
    }

    private static DateOnly Date(JsonNode node) => DateOnly.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}
