using Npgsql;
using Tartware.Contracts.Properties;
using Tartware.Properties.Amenities;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.RoomTypes;

/// <summary>Room types of one property. Creating one calls every <see cref="IPropertySetupParticipant"/> in its transaction.</summary>
internal sealed class RoomTypeService(
    IUnitOfWorkFactory units, RequestContext caller, AmenityResolver amenities, IEnumerable<IPropertySetupParticipant> participants, TimeProvider time)
{
    public const string CodeTaken = "room-type-code-taken";

    public async Task<Page<RoomTypeResponse>> ListAsync(Guid propertyId, int? limit, string? after, CancellationToken cancellationToken)
    {
        var take = Paging.Limit(limit);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await RequirePropertyAsync(unit, propertyId, cancellationToken);
        var rows = await RoomTypeStore.PageAsync(unit.Transaction, propertyId, take + 1, after, cancellationToken);
        return Paging.Of(rows, take, t => t.Code);
    }

    public async Task<RoomTypeResponse> GetAsync(Guid propertyId, Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        return await RoomTypeStore.FindAsync(unit.Transaction, propertyId, id, false, cancellationToken) ?? throw new NotFoundException("room type", id.ToString());
    }

    public async Task<RoomTypeResponse> CreateAsync(Guid propertyId, CreateRoomTypeRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var code = errors.Text("code", request.Code, 20, true)?.ToUpperInvariant();
        errors.Pattern("code", code, RoomTypeRules.Code, "must be 1-20 letters, digits, '-' or '_'");
        var name = errors.Text("name", request.Name, 200, true);
        var description = errors.Text("description", request.Description, 2000, false);
        RoomTypeRules.Occupancy(errors, request.BaseOccupancy ?? 2, request.MaxAdults ?? 2, request.MaxChildren ?? 0);
        var bedType = request.BedType?.Trim().ToUpperInvariant();
        if (bedType is null)
        {
            errors.Add("bedType", "is required");
        }

        errors.OneOf("bedType", bedType, RoomTypeRules.BedTypes);
        RoomTypeRules.Size(errors, request.SizeSqm);
        if (request.BaseRate is null)
        {
            errors.Add("baseRate", "is required");
        }

        RoomTypeRules.Money(errors, "baseRate", request.BaseRate);
        errors.Range("sortOrder", request.SortOrder, 0, 10_000);
        var status = request.Status ?? "ACTIVE";
        errors.OneOf("status", status, RoomTypeRules.Statuses);
        RoomTypeRules.Amenities(errors, request.Amenities);
        errors.ThrowIfAny();
        CheckOccupancy(request.BaseOccupancy ?? 2, request.MaxAdults ?? 2, request.MaxChildren ?? 0);

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var property = await RequirePropertyAsync(unit, propertyId, cancellationToken);
        var codes = request.Amenities is null ? [] : await amenities.ResolveAsync(unit.Transaction, propertyId, request.Amenities, cancellationToken);
        var id = Guid.CreateVersion7(time.GetUtcNow());
        try
        {
            await unit.Command("""
                insert into inventory.room_types (tenant_id, id, property_id, code, name, description, base_occupancy, max_adults, max_children,
                    bed_type, size_sqm, base_rate, sort_order, status)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """).With(caller.TenantId, id, propertyId, code, name, description, request.BaseOccupancy ?? 2, request.MaxAdults ?? 2,
                    request.MaxChildren ?? 0, bedType, request.SizeSqm, request.BaseRate, request.SortOrder ?? 0, status)
                .RunAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("room_types_code_key"))
        {
            throw new ConflictException($"The property already has a room type with code '{code}'.", CodeTaken);
        }

        await RoomTypeStore.ReplaceAmenitiesAsync(unit.Transaction, caller.TenantId, id, codes, cancellationToken);
        var created = (await RoomTypeStore.FindAsync(unit.Transaction, propertyId, id, false, cancellationToken))!;
        foreach (var participant in participants)
        {
            await participant.OnRoomTypeCreatedAsync(unit.Transaction, property, RoomTypeStore.ToInfo(created), cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<RoomTypeResponse> UpdateAsync(Guid propertyId, Guid id, UpdateRoomTypeRequest request, int? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = errors.Text("name", request.Name, 200, false);
        var description = errors.Text("description", request.Description, 2000, false);
        RoomTypeRules.Occupancy(errors, request.BaseOccupancy, request.MaxAdults, request.MaxChildren);
        var bedType = request.BedType?.Trim().ToUpperInvariant();
        errors.OneOf("bedType", bedType, RoomTypeRules.BedTypes);
        RoomTypeRules.Size(errors, request.SizeSqm);
        RoomTypeRules.Money(errors, "baseRate", request.BaseRate);
        errors.Range("sortOrder", request.SortOrder, 0, 10_000);
        errors.OneOf("status", request.Status, RoomTypeRules.Statuses);
        RoomTypeRules.Amenities(errors, request.Amenities);
        errors.ThrowIfAny();

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var current = await RoomTypeStore.FindAsync(unit.Transaction, propertyId, id, true, cancellationToken) ?? throw new NotFoundException("room type", id.ToString());
        Versioning.Check(expectedVersion, current.Version, "room type");
        CheckOccupancy(request.BaseOccupancy ?? current.BaseOccupancy, request.MaxAdults ?? current.MaxAdults, request.MaxChildren ?? current.MaxChildren);
        if (request.Amenities is not null)
        {
            var codes = await amenities.ResolveAsync(unit.Transaction, propertyId, request.Amenities, cancellationToken);
            await RoomTypeStore.ReplaceAmenitiesAsync(unit.Transaction, caller.TenantId, id, codes, cancellationToken);
        }

        await unit.Command("""
            update inventory.room_types set name = coalesce($2, name), description = coalesce($3, description),
                base_occupancy = coalesce($4, base_occupancy), max_adults = coalesce($5, max_adults), max_children = coalesce($6, max_children),
                bed_type = coalesce($7, bed_type), size_sqm = coalesce($8, size_sqm), base_rate = coalesce($9, base_rate),
                sort_order = coalesce($10, sort_order), status = coalesce($11, status), updated_at = now(), version = version + 1
            where id = $1
            """).With(id, name, description, request.BaseOccupancy, request.MaxAdults, request.MaxChildren, bedType, request.SizeSqm,
                request.BaseRate, request.SortOrder, request.Status).RunAsync(cancellationToken);
        var updated = (await RoomTypeStore.FindAsync(unit.Transaction, propertyId, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return updated;
    }

    private static void CheckOccupancy(int baseOccupancy, int maxAdults, int maxChildren)
    {
        if (baseOccupancy > maxAdults + maxChildren)
        {
            throw new BusinessRuleException("baseOccupancy cannot exceed maxAdults + maxChildren.", "occupancy-exceeds-capacity");
        }
    }

    private static async Task<PropertyInfo> RequirePropertyAsync(IUnitOfWork unit, Guid propertyId, CancellationToken cancellationToken) =>
        await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
}
