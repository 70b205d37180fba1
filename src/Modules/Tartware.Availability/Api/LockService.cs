using Microsoft.Extensions.Options;
using Tartware.Availability.Guard;
using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Availability.Api;

/// <summary>The lock endpoints: holds, releases, audit and blackouts, each in one tenant unit of work (room blocks are room commands, module Reservations).</summary>
internal sealed class LockService(
    IUnitOfWorkFactory units, RequestContext caller, LockWriter writer, LockReleaser releaser,
    IOptions<AvailabilityOptions> options, TimeProvider time)
{
    private const int MaxNights = 366;

    public async Task<(LockResponse Lock, bool Replayed)> HoldAsync(HoldRequest request, string? headerKey, CancellationToken ct)
    {
        var fields = new Fields();
        var propertyId = fields.Required("propertyId", request.PropertyId);
        if (request.RoomTypeId is null && request.RoomId is null)
        {
            fields.Add("roomTypeId", "send roomTypeId or roomId");
        }

        var (arrival, departure) = fields.Stay("arrival", request.Arrival, "departure", request.Departure, MaxNights);
        var quantity = request.Quantity ?? 1;
        if (quantity is < 1 or > 100 || (request.RoomId is not null && quantity != 1))
        {
            fields.Add("quantity", request.RoomId is null ? "must be between 1 and 100" : "must be 1 for a specific room");
        }

        var ttl = fields.Required("ttlSeconds", request.TtlSeconds);
        if (request.TtlSeconds is { } t && (t < 1 || t > options.Value.MaxHoldTtlSeconds))
        {
            fields.Add("ttlSeconds", $"must be between 1 and {options.Value.MaxHoldTtlSeconds}");
        }

        var key = Key(fields, request.IdempotencyKey, headerKey, LockKinds.Hold);
        var reason = fields.Text("reason", request.Reason, 500, false);
        fields.ThrowIfAny();

        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var outcome = await writer.TakeAsync(unit.Transaction, new LockRequest(
            caller.TenantId, propertyId, LockKinds.Hold, request.RoomTypeId, request.RoomId, arrival, departure, quantity, false, key,
            Actor(), reason, time.GetUtcNow().AddSeconds(ttl), false), ct);
        return await FinishAsync(unit, outcome, ct);
    }

    public async Task<(LockResponse Lock, bool Replayed)> BlackoutAsync(Guid propertyId, BlackoutRequest request, string? headerKey, CancellationToken ct)
    {
        var fields = new Fields();
        var (from, to) = fields.Stay("from", request.From, "to", request.To, MaxNights * 2);
        if (request.Quantity is < 1 or > 1000)
        {
            fields.Add("quantity", "must be between 1 and 1000 (omit it to close every room)");
        }

        if (request.Quantity is not null && request.RoomTypeId is null)
        {
            fields.Add("quantity", "needs a roomTypeId (a whole-property blackout closes every room)");
        }

        var reason = fields.Text("reason", request.Reason, 500, true);
        var key = Key(fields, request.IdempotencyKey, headerKey, LockKinds.Blackout);
        fields.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var outcome = await writer.TakeAsync(unit.Transaction, new LockRequest(
            caller.TenantId, propertyId, LockKinds.Blackout, request.RoomTypeId, null, from, to, request.Quantity ?? 1, request.Quantity is null,
            key, Actor(), reason, null, request.Force ?? false), ct);
        return await FinishAsync(unit, outcome, ct);
    }

    public async Task<LockResponse> GetAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        return LockResponse.From(await LockRecord.FindAsync(unit.Transaction, caller.TenantId, id, false, ct) ?? throw new NotFoundException("lock", id.ToString()));
    }

    /// <summary>DELETE: holds by staff, maintenance blocks by managers; reservation locks only through the reservation or a manual release.</summary>
    public async Task ReleaseAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var record = await LockRecord.FindAsync(unit.Transaction, caller.TenantId, id, true, ct) ?? throw new NotFoundException("lock", id.ToString());
        if (record.Kind == LockKinds.Reservation)
        {
            throw new ConflictException("A reservation's lock ends with the reservation (cancel it), or by a manual release.", "lock-owned-by-reservation");
        }

        if (LockKinds.IsBlock(record.Kind) && !TenantRoles.Grants(caller.Role, "availability.approve"))
        {
            throw new ForbiddenException("Releasing a maintenance block needs a MANAGER or above.");
        }

        await EndOrConflictAsync(unit, record, "RELEASED", "released", ct);
        await unit.CommitAsync(ct);
    }

    public async Task<LockResponse> ManualReleaseAsync(Guid id, ManualReleaseRequest request, CancellationToken ct)
    {
        var fields = new Fields();
        var reason = fields.Text("reason", request.Reason, 500, true);
        fields.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var record = await LockRecord.FindAsync(unit.Transaction, caller.TenantId, id, true, ct) ?? throw new NotFoundException("lock", id.ToString());
        await EndOrConflictAsync(unit, record, "MANUAL_RELEASE", reason!, ct);
        var released = (await LockRecord.FindAsync(unit.Transaction, caller.TenantId, id, false, ct))!;
        await unit.CommitAsync(ct);
        return LockResponse.From(released);
    }

    public async Task<BulkReleaseResponse> BulkReleaseAsync(BulkReleaseRequest request, CancellationToken ct)
    {
        var fields = new Fields();
        var ids = request.LockIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > 500)
        {
            fields.Add("lockIds", "send between 1 and 500 lock ids");
        }

        var reason = fields.Text("reason", request.Reason, 500, true);
        fields.ThrowIfAny();
        List<Guid> released = [], notActive = [], notFound = [];
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        foreach (var id in ids.Order())
        {
            var record = await LockRecord.FindAsync(unit.Transaction, caller.TenantId, id, true, ct);
            if (record is null || record.Kind == LockKinds.Reservation || (LockKinds.IsBlock(record.Kind) && !TenantRoles.Grants(caller.Role, "availability.approve")))
            {
                notFound.Add(id);
            }
            else if (await releaser.EndAsync(unit.Transaction, caller.TenantId, record, "RELEASED", "RELEASED", reason!, Actor(), ct))
            {
                released.Add(id);
            }
            else
            {
                notActive.Add(id);
            }
        }

        await unit.CommitAsync(ct);
        return new BulkReleaseResponse(released, notActive, notFound);
    }

    public async Task<IReadOnlyList<LockEventResponse>> AuditAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        _ = await LockRecord.FindAsync(unit.Transaction, caller.TenantId, id, false, ct) ?? throw new NotFoundException("lock", id.ToString());
        return await unit.Sql("""
            select id, event, actor, reason, detail::text, at from availability.lock_events where tenant_id = $1 and lock_id = $2 order by id
            """).Bind(caller.TenantId, id).RowsAsync(r => new LockEventResponse(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5)), ct);
    }

    private async Task EndOrConflictAsync(IUnitOfWork unit, LockRecord record, string @event, string reason, CancellationToken ct)
    {
        if (!await releaser.EndAsync(unit.Transaction, caller.TenantId, record, "RELEASED", @event, reason, Actor(), ct))
        {
            throw new ConflictException($"The lock is already {record.Status.ToLowerInvariant()}.", "lock-not-active");
        }
    }

    private static async Task<(LockResponse, bool)> FinishAsync(IUnitOfWork unit, LockOutcome outcome, CancellationToken ct)
    {
        if (!outcome.Succeeded)
        {
            throw NoAvailability(outcome.Shortages, outcome.AffectedReservations);
        }

        await unit.CommitAsync(ct);
        return (LockResponse.From(outcome.Lock!), outcome.Replayed);
    }

    internal static ConflictException NoAvailability(IReadOnlyList<NightShortage> shortages, IReadOnlyList<string> reservations)
    {
        var conflict = new ConflictException(
            $"Not enough inventory on {shortages.Count} night(s) from {shortages[0].Night:yyyy-MM-dd}.", "no-availability");
        conflict.Extensions["nights"] = shortages.Take(100).ToList();
        if (reservations.Count > 0)
        {
            conflict.Extensions["reservations"] = reservations;
        }

        return conflict;
    }

    /// <summary>
    /// A client key, namespaced by the caller's kind of lock, so it can never collide with a key the
    /// reservation pipeline uses (a reservation's id).
    /// </summary>
    private static string Key(Fields fields, string? bodyKey, string? headerKey, string kind)
    {
        var key = (bodyKey ?? headerKey)?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > 150)
        {
            fields.Add("idempotencyKey", "is required (body or Idempotency-Key header), at most 150 characters");
        }

        return $"{kind.ToLowerInvariant()}:{key}";
    }

    private string Actor() => caller.UserId.ToString();
}
