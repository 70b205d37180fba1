using System.Data.Common;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Amenities;

/// <summary>
/// Finds room-type amenities that no longer match an active catalog entry (legacy imports, removed
/// custom entries, switched-off entries) and repairs them: map what normalizes to an active code,
/// remove the rest. Counts go to the <c>tartware.amenities.drift.*</c> metrics.
/// </summary>
internal sealed class AmenityDriftService(IUnitOfWorkFactory units, RequestContext caller, AmenityMetrics metrics)
{
    public async Task<DriftReport> DetectAsync(Guid propertyId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var items = await FindAsync(unit.Transaction, propertyId, cancellationToken);
        var report = Report(propertyId, items);
        metrics.DriftDetected(report.ByKind);
        return report;
    }

    public async Task<ReconcileResult> ReconcileAsync(Guid propertyId, ReconcileRequest request, CancellationToken cancellationToken)
    {
        var mode = request.Mode ?? "MAP_OR_REMOVE";
        var errors = new FieldErrors();
        errors.OneOf("mode", mode, Drift.Modes);
        errors.ThrowIfAny();

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var items = await FindAsync(unit.Transaction, propertyId, cancellationToken);
        var actions = new List<DriftItem>();
        foreach (var item in items)
        {
            if (item.Suggestion is { } code && mode != "REMOVE")
            {
                // Keep how the amenity got there (source, clone metadata) under its new code.
                await unit.Command("""
                    insert into inventory.room_type_amenities (tenant_id, room_type_id, code, source, metadata)
                    select tenant_id, room_type_id, $3, source, metadata from inventory.room_type_amenities where room_type_id = $1 and code = $2
                    on conflict do nothing
                    """).With(item.RoomTypeId, item.Code, code).RunAsync(cancellationToken);
                await DeleteAsync(unit, item, cancellationToken);
                actions.Add(item with { Kind = "MAPPED" });
            }
            else if (mode != "MAP_ONLY")
            {
                await DeleteAsync(unit, item, cancellationToken);
                actions.Add(item with { Kind = "REMOVED", Suggestion = null });
            }
        }

        if (actions.Count > 0)
        {
            await RoomTypes.RoomTypeStore.TouchAsync(unit.Transaction, [.. actions.Select(a => a.RoomTypeId).Distinct()], cancellationToken);
        }

        var remaining = (await FindAsync(unit.Transaction, propertyId, cancellationToken)).Count;
        await unit.CommitAsync(cancellationToken);
        var mapped = actions.Count(a => a.Kind == "MAPPED");
        metrics.Reconciled(mapped, actions.Count - mapped);
        return new ReconcileResult(mapped, actions.Count - mapped, remaining, actions);
    }

    /// <summary>Classifies one stored code against the catalog (null when it is fine).</summary>
    public static (string Kind, string? Suggestion)? Classify(string code, IReadOnlyCollection<AmenityEntry> catalog)
    {
        var entry = catalog.FirstOrDefault(e => e.Code == code);
        if (entry?.Status == "ACTIVE")
        {
            return null;
        }

        var active = catalog.Where(e => e.Status == "ACTIVE").Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        if (AmenityNormalizer.Normalize(code, active) is { } suggestion)
        {
            return (Drift.LegacyCode, suggestion);
        }

        return (entry is null ? Drift.Unknown : Drift.Inactive, null);
    }

    private static DriftReport Report(Guid propertyId, List<DriftItem> items) => new(
        propertyId, items.Count,
        items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), items);

    private static async Task<List<DriftItem>> FindAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken)
    {
        _ = await PropertyStore.FindInfoAsync(transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        var catalog = await AmenityCatalogStore.ListAsync(transaction, propertyId, cancellationToken);
        var stored = await transaction.Command("""
            select a.room_type_id, t.code, a.code from inventory.room_type_amenities a
            join inventory.room_types t on t.tenant_id = a.tenant_id and t.id = a.room_type_id
            where t.property_id = $1 order by t.code, a.code
            """).With(propertyId).ListAsync(r => (RoomTypeId: r.GetGuid(0), RoomTypeCode: r.GetString(1), Code: r.GetString(2)), cancellationToken);
        var items = new List<DriftItem>();
        foreach (var row in stored)
        {
            if (Classify(row.Code, catalog) is { } drift)
            {
                items.Add(new DriftItem(row.RoomTypeId, row.RoomTypeCode, row.Code, drift.Kind, drift.Suggestion));
            }
        }

        return items;
    }

    private static Task<int> DeleteAsync(IUnitOfWork unit, DriftItem item, CancellationToken cancellationToken) =>
        unit.Command("delete from inventory.room_type_amenities where room_type_id = $1 and code = $2").With(item.RoomTypeId, item.Code).RunAsync(cancellationToken);
}
