using Npgsql;
using Tartware.Contracts.Properties;
using Tartware.Properties.Amenities;
using Tartware.Properties.Common;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Properties;

/// <summary>
/// Properties of the caller's tenant. Creating one seeds its amenity catalog and calls every
/// <see cref="IPropertySetupParticipant"/> in the same transaction (Rates creates BAR/RACK there).
/// </summary>
internal sealed class PropertyService(
    IUnitOfWorkFactory units, RequestContext caller, IEnumerable<IPropertySetupParticipant> participants, TimeProvider time)
{
    public const string CodeTaken = "property-code-taken";

    public async Task<Page<PropertyResponse>> ListAsync(int? limit, string? after, CancellationToken cancellationToken)
    {
        var take = Paging.Limit(limit);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var rows = await PropertyStore.PageAsync(unit.Transaction, take + 1, after, cancellationToken);
        return Paging.Of(rows, take, p => p.Code);
    }

    public async Task<PropertyResponse> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        return await PropertyStore.FindAsync(unit.Transaction, id, false, cancellationToken) ?? throw new NotFoundException("property", id.ToString());
    }

    public async Task<PropertyResponse> CreateAsync(CreatePropertyRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var code = errors.Text("code", request.Code, 20, true)?.ToUpperInvariant();
        errors.Pattern("code", code, PropertyRules.Code, "must be 2-20 letters, digits, '-' or '_'");
        var name = errors.Text("name", request.Name, 200, true);
        if (request.TimeZone is null)
        {
            errors.Add("timeZone", "is required");
        }

        PropertyRules.TimeZone(errors, "timeZone", request.TimeZone);
        var currency = request.Currency?.Trim().ToUpperInvariant();
        if (currency is null)
        {
            errors.Add("currency", "is required");
        }

        PropertyRules.Currency(errors, "currency", currency);
        var address = Address.Normalize(errors, "address", request.Address);
        var checkIn = PropertyRules.Time(errors, "checkInTime", request.CheckInTime) ?? new TimeOnly(15, 0);
        var checkOut = PropertyRules.Time(errors, "checkOutTime", request.CheckOutTime) ?? new TimeOnly(11, 0);
        var status = request.Status ?? "ACTIVE";
        errors.OneOf("status", status, PropertyRules.Statuses);
        errors.ThrowIfAny();
        CheckTimes(checkIn, checkOut);

        var id = Guid.CreateVersion7(time.GetUtcNow());
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        try
        {
            await unit.Command("""
                insert into inventory.properties (tenant_id, id, code, name, time_zone, currency, address, check_in_time, check_out_time, status)
                values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
                """).With(caller.TenantId, id, code, name, request.TimeZone, currency, Address.ToJson(address), checkIn, checkOut, status)
                .RunAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("properties_code_key"))
        {
            throw new ConflictException($"A property with code '{code}' already exists.", CodeTaken);
        }

        await AmenitySeed.SeedAsync(unit.Transaction, caller.TenantId, id, cancellationToken);
        var created = (await PropertyStore.FindAsync(unit.Transaction, id, false, cancellationToken))!;
        var info = PropertyStore.ToInfo(caller.TenantId, created);
        foreach (var participant in participants)
        {
            await participant.OnPropertyCreatedAsync(unit.Transaction, info, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<PropertyResponse> UpdateAsync(Guid id, UpdatePropertyRequest request, int? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = errors.Text("name", request.Name, 200, false);
        PropertyRules.TimeZone(errors, "timeZone", request.TimeZone);
        var currency = request.Currency?.Trim().ToUpperInvariant();
        PropertyRules.Currency(errors, "currency", currency);
        var address = Address.Normalize(errors, "address", request.Address);
        var checkIn = PropertyRules.Time(errors, "checkInTime", request.CheckInTime);
        var checkOut = PropertyRules.Time(errors, "checkOutTime", request.CheckOutTime);
        errors.OneOf("status", request.Status, PropertyRules.Statuses);
        errors.ThrowIfAny();

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var current = await PropertyStore.FindAsync(unit.Transaction, id, true, cancellationToken) ?? throw new NotFoundException("property", id.ToString());
        Versioning.Check(expectedVersion, current.Version, "property");
        CheckTimes(checkIn ?? TimeOnly.Parse(current.CheckInTime, System.Globalization.CultureInfo.InvariantCulture),
            checkOut ?? TimeOnly.Parse(current.CheckOutTime, System.Globalization.CultureInfo.InvariantCulture));
        if (currency is not null && currency != current.Currency && await HasRoomTypesAsync(unit, id, cancellationToken))
        {
            // Base rates (and Rates' prices) are amounts in the old currency; converting them is not this call's job.
            throw new BusinessRuleException("The currency cannot change once the property has room types.", "currency-locked");
        }

        await unit.Command("""
            update inventory.properties set name = coalesce($2, name), time_zone = coalesce($3, time_zone), currency = coalesce($4, currency),
                address = coalesce($5::jsonb, address), check_in_time = coalesce($6, check_in_time), check_out_time = coalesce($7, check_out_time),
                status = coalesce($8, status), updated_at = now(), version = version + 1
            where id = $1
            """).With(id, name, request.TimeZone, currency, Address.ToJson(address), checkIn, checkOut, request.Status).RunAsync(cancellationToken);
        var updated = (await PropertyStore.FindAsync(unit.Transaction, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return updated;
    }

    private static void CheckTimes(TimeOnly checkIn, TimeOnly checkOut)
    {
        if (checkOut > checkIn)
        {
            throw new BusinessRuleException("checkOutTime must not be later than checkInTime: a room must be free before the next guest arrives.", "check-times-invalid");
        }
    }

    private static async Task<bool> HasRoomTypesAsync(IUnitOfWork unit, Guid propertyId, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("select exists (select 1 from inventory.room_types where property_id = $1)").With(propertyId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
