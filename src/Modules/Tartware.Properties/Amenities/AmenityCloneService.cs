using System.Text.Json;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;
using Tartware.Properties.Rooms;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Amenities;

/// <summary>Normalization reports for legacy spellings and the bulk clone of catalog entries into room types.</summary>
internal sealed class AmenityCloneService(IUnitOfWorkFactory units, RequestContext caller, AmenityResolver resolver, AmenityMetrics metrics)
{
    public async Task<NormalizationReport> NormalizeAsync(Guid propertyId, NormalizeRequest request, CancellationToken cancellationToken)
    {
        var codes = request.Codes ?? [];
        var errors = new FieldErrors();
        if (codes.Length is 0 or > 500 || codes.Any(c => c is null || c.Length > 80))
        {
            errors.Add("codes", "must hold 1 to 500 spellings of at most 80 characters");
        }

        errors.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        _ = await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        var report = AmenityNormalizer.Report(codes, await AmenityCatalogStore.ActiveCodesAsync(unit.Transaction, propertyId, cancellationToken));
        metrics.Normalized(report);
        return report;
    }

    public async Task<CloneResult> CloneAsync(Guid propertyId, CloneRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var roomTypeIds = request.RoomTypeIds?.Distinct().ToArray() ?? [];
        if (roomTypeIds.Length is 0 or > 200)
        {
            errors.Add("roomTypeIds", "must name 1 to 200 room types");
        }

        if (request.Codes is { Length: 0 or > 100 } || request.Codes?.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 80) == true)
        {
            errors.Add("codes", "must hold 1 to 100 codes of 1-80 characters, or be absent to clone the default entries");
        }

        if (request.Metadata is { } metadata && (metadata.Count > 20 || metadata.Any(m => m.Key.Length is 0 or > 40 || (m.Value?.Length ?? 0) > 200)))
        {
            errors.Add("metadata", "at most 20 entries, keys 1-40 and values up to 200 characters");
        }

        errors.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        _ = await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        var found = await RoomStore.RoomTypesAsync(unit.Transaction, propertyId, roomTypeIds, cancellationToken);
        var missing = roomTypeIds.Except(found.Select(f => f.Id)).ToList();
        if (missing.Count > 0)
        {
            var problem = new BusinessRuleException("Some room types do not exist in this property.", "unknown-room-type");
            problem.Extensions["roomTypeIds"] = missing;
            throw problem;
        }

        var codes = request.Codes is null
            ? [.. (await AmenityCatalogStore.ListAsync(unit.Transaction, propertyId, cancellationToken)).Where(e => e.IsDefault && e.Status == "ACTIVE").Select(e => e.Code)]
            : await resolver.ResolveAsync(unit.Transaction, propertyId, request.Codes, cancellationToken);
        var metadataJson = JsonSerializer.Serialize(new { clonedBy = caller.UserId, metadata = request.Metadata ?? [] });
        var added = await unit.Command("""
            insert into inventory.room_type_amenities (tenant_id, room_type_id, code, source, metadata)
            select $1, t, c, 'CLONE', $4::jsonb from unnest($2::uuid[]) as t cross join unnest($3::text[]) as c
            on conflict do nothing
            """).With(caller.TenantId, roomTypeIds, codes.ToArray(), metadataJson).RunAsync(cancellationToken);
        if (added > 0)
        {
            await RoomTypes.RoomTypeStore.TouchAsync(unit.Transaction, roomTypeIds, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return new CloneResult(added, (roomTypeIds.Length * codes.Count) - added, codes);
    }
}
