using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tartware.Bench.Load;
using Tartware.Bench.Platform;

namespace Tartware.Bench.Scenarios;

/// <summary>The body of <c>POST /v1/reservations</c> as the bench sends it.</summary>
internal sealed record CreateRequest(Guid PropertyId, Guid RoomTypeId, DateOnly Arrival, DateOnly Departure, int Adults, int Children, GuestBody Guest,
    string Source, string? PartnerId);

internal sealed record GuestBody(string FirstName, string LastName, string Email, string Phone);

/// <summary>A command the API accepted (2xx): the ids from its answer and when the answer arrived (bench clock = machine clock).</summary>
internal sealed record AcceptedCommand(Guid ReservationId, Guid CommandId, string Kind, DateTimeOffset AcceptedAt);

/// <summary>
/// Reservation creates for <c>write</c>, <c>mixed</c> and <c>max</c>: a tenant with N properties of four room types, sized so
/// that the expected creates fill at most about two thirds of the room-nights (most are accepted, some types sell out on
/// busy nights); arrivals spread over <see cref="HorizonDays"/> days, stays of 1–7 nights, room types weighted by their
/// room count. Every 2xx is recorded for the checks at the end.
/// </summary>
internal sealed class ReservationWorkload
{
    /// <summary>Arrivals from tomorrow over this many days; with 7-night stays the grid check stays within its 366-day range.</summary>
    public const int HorizonDays = 330;

    public const int MaxStayNights = 7;

    /// <summary>A partner channel id for OTA creates (the rates module requires one for OTA, GDS and WHOLESALE).</summary>
    public const string PartnerId = "BENCH-OTA";

    private static readonly (string Code, int Share)[] Types = [("STD", 40), ("SUP", 25), ("DLX", 20), ("STE", 15)];
    private readonly ConcurrentQueue<AcceptedCommand> _accepted = new();
    private readonly ConcurrentQueue<(CreateRequest Request, string Key)> _unknown = new();
    private SeededTenant? _tenant;
    private SeededRoomType[] _weighted = [];

    public SeededTenant Tenant => _tenant ?? throw new InvalidOperationException("seed first");

    /// <summary>The first night a stay can start (tomorrow, UTC: the seeded properties run on Etc/UTC).</summary>
    public DateOnly FirstNight { get; private set; }

    public IReadOnlyCollection<AcceptedCommand> Accepted => _accepted;

    public async Task SeedAsync(BenchContext context, double expectedCreates, CancellationToken cancellationToken)
    {
        var properties = Math.Max(1, context.Options.Properties);
        // Average stay 4 nights; ×1.5 so the load fills about two thirds of the room-nights.
        var roomsPerProperty = expectedCreates * 4.0 * 1.5 / HorizonDays / properties;
        var types = Types.Select(t => (t.Code, Math.Clamp((int)Math.Ceiling(roomsPerProperty * t.Share / 100.0), 5, 500), 0)).ToList();
        _tenant = await context.Seeder.SeedAsync(context.Options.Scenario, properties, types, cancellationToken);
        _weighted = [.. _tenant.RoomTypes.SelectMany(t => Enumerable.Repeat(t, t.Rooms))];
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        FirstNight = today.AddDays(1);
        foreach (var property in _tenant.Properties)
        {
            // The first read of a range materializes its nights (a write); do it before the clock starts.
            await context.Api.SendAsync(HttpMethod.Get, ReadWorkload.GridPath(property, today, GridEnd), null, cancellationToken);
        }
    }

    /// <summary>The end (exclusive) of every night a stay can use.</summary>
    public DateOnly GridEnd => FirstNight.AddDays(HorizonDays + MaxStayNights + 1);

    public CreateRequest CreateBody(long index, bool partner)
    {
        var type = _weighted[Random.Shared.Next(_weighted.Length)];
        var arrival = FirstNight.AddDays(Random.Shared.Next(HorizonDays));
        var nights = 1 + Random.Shared.Next(MaxStayNights);
        return new CreateRequest(type.PropertyId, type.RoomTypeId, arrival, arrival.AddDays(nights), 1 + Random.Shared.Next(2), Random.Shared.Next(3) == 0 ? 1 : 0,
            new GuestBody("Bench", $"Guest{Math.Abs(index)}", $"guest{Math.Abs(index)}@example.test", $"+351210{Math.Abs(index) % 1_000_000:D6}"),
            partner ? "OTA" : "WEBSITE", partner ? PartnerId : null);
    }

    public async Task<Outcome> CreateAsync(BenchContext context, long index, bool partner, CancellationToken cancellationToken) =>
        (await SendCreateAsync(context, CreateBody(index, partner), $"bench-create-{index}-{Guid.NewGuid():N}", cancellationToken)).Outcome;

    /// <summary>
    /// Sends a create and records a 2xx. A request that got no answer (client timeout, connection lost after sending) may have been
    /// accepted all the same: it is kept with its Idempotency-Key for <see cref="ResolveUnknownAsync"/>, and the failure goes on to
    /// the load's counters as before.
    /// </summary>
    public async Task<(Outcome Outcome, AcceptedCommand? Accepted)> SendCreateAsync(BenchContext context, CreateRequest request, string key,
        CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, body) = await context.Api.TryAsync(HttpMethod.Post, "/v1/reservations", request, (_, _) => false, cancellationToken, readBody: true,
                idempotencyKey: key);
            return (outcome, Record(context, outcome, body));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _unknown.Enqueue((request, key));
            throw;
        }
    }

    /// <summary>Creates whose outcome the load never saw.</summary>
    public int Unknown => _unknown.Count;

    /// <summary>
    /// What a client does about a request it got no answer to: send it again with the same Idempotency-Key. The platform answers the
    /// stored 202 when the first attempt was accepted (so its reservation is counted as ours) and accepts it now when it was not.
    /// </summary>
    public async Task<int> ResolveUnknownAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var resolved = 0;
        while (_unknown.TryDequeue(out var pending))
        {
            var body = await context.Api.SendAsync(HttpMethod.Post, "/v1/reservations", pending.Request, cancellationToken, pending.Key);
            if (Record(context, Outcome.Ok(202), body) is not null)
            {
                resolved++;
            }
        }

        return resolved;
    }

    /// <summary>Any 2xx command answer: keep its ids; null for anything else.</summary>
    public AcceptedCommand? Record(BenchContext context, Outcome outcome, JsonNode? body)
    {
        if (outcome.Kind != OutcomeKind.Ok || body?["commandId"] is null)
        {
            return null;
        }

        var accepted = new AcceptedCommand(Guid.Parse(body["reservationId"]!.GetValue<string>()), Guid.Parse(body["commandId"]!.GetValue<string>()),
            body["kind"]!.GetValue<string>(), context.Time.GetUtcNow());
        _accepted.Enqueue(accepted);
        return accepted;
    }
}
