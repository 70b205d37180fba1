using Tartware.Availability.Guard;
using Tartware.Availability.Ledger;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Availability.Api;

/// <summary>The availability grid and the oversell policy of a property.</summary>
internal sealed class AvailabilityQueries(IUnitOfWorkFactory units, RequestContext caller, ScopeResolver scopes)
{
    public async Task<AvailabilityResponse> GridAsync(Guid propertyId, DateOnly? from, DateOnly? to, Guid? roomTypeId, CancellationToken ct)
    {
        var fields = new Fields();
        var (start, end) = fields.Stay("from", from, "to", to, 366);
        fields.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var scope = await scopes.ResolveAsync(unit.Transaction, propertyId, roomTypeId, null, ct);
        // Reading a range materializes it (nights never seen are created with today's room count).
        foreach (var roomType in scope.RoomTypeIds)
        {
            await NightLedger.MaterializeAsync(unit.Transaction, caller.TenantId, propertyId, roomType, scope.Capacity[roomType], start, end, ct);
        }

        var nights = await NightLedger.ReadAsync(unit.Transaction, caller.TenantId, propertyId, scope.RoomTypeIds, start, end, ct);
        await unit.CommitAsync(ct);
        return new AvailabilityResponse(propertyId, start, end, [.. nights.Select(n =>
            new AvailabilityNight(n.Night, n.RoomTypeId, n.Capacity, n.Sold, n.Held, n.Blocked, n.OversellLimit, n.Available))]);
    }

    /// <summary>Sets how many rooms of a type may be sold beyond capacity from today on; lowering it below what is sold is a conflict unless forced.</summary>
    public async Task<OversellResponse> SetOversellAsync(Guid propertyId, OversellRequest request, CancellationToken ct)
    {
        var fields = new Fields();
        var roomTypeId = fields.Required("roomTypeId", request.RoomTypeId);
        var limit = fields.Required("oversellLimit", request.OversellLimit);
        if (request.OversellLimit is < 0 or > 100)
        {
            fields.Add("oversellLimit", "must be between 0 and 100");
        }

        var reason = fields.Text("reason", request.Reason, 500, request.Force == true);
        fields.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var scope = await scopes.ResolveAsync(unit.Transaction, propertyId, roomTypeId, null, ct);
        var nights = await NightLedger.LockAsync(unit.Transaction, caller.TenantId, propertyId, [roomTypeId], scope.Today, LockKinds.OpenEnd, ct);
        var over = nights.Where(n => n.Sold + n.Held + n.Blocked > n.Capacity + limit && limit < n.OversellLimit).ToList();
        if (over.Count > 0 && request.Force != true)
        {
            var conflict = new ConflictException($"{over.Count} night(s) already sell more than the new limit allows.", "no-availability");
            conflict.Extensions["nights"] = over.Take(100).Select(n => new { night = n.Night, n.RoomTypeId, n.Available }).ToList();
            throw conflict;
        }

        await unit.Sql("""
            insert into availability.room_type_horizons (tenant_id, property_id, room_type_id, oversell_limit) values ($1, $2, $3, $4)
            on conflict (tenant_id, property_id, room_type_id) do update set oversell_limit = excluded.oversell_limit
            """).Bind(caller.TenantId, propertyId, roomTypeId, limit).ExecAsync(ct);
        await unit.Sql("""
            update availability.inventory_nights set oversell_limit = $4,
                forced_allowance = greatest(forced_allowance, sold + held + blocked - capacity - $4), updated_at = now()
            where tenant_id = $1 and property_id = $2 and room_type_id = $3 and night >= $5
            """).Bind(caller.TenantId, propertyId, roomTypeId, limit, scope.Today).ExecAsync(ct);
        await unit.CommitAsync(ct);
        return new OversellResponse(propertyId, roomTypeId, limit, scope.Today, over.Count > 0, reason);
    }
}
