using System.Text.Json;
using Tartware.Properties.Common;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Guests;

/// <summary>Guest profiles of the caller's tenant. Blacklisting is a MANAGER decision (the group only requires STAFF).</summary>
internal sealed class GuestService(IUnitOfWorkFactory units, RequestContext caller, TimeProvider time)
{
    public async Task<Page<GuestResponse>> SearchAsync(GuestSearch search, int? limit, string? after, CancellationToken cancellationToken)
    {
        var take = Paging.Limit(limit);
        var errors = new FieldErrors();
        errors.Text("name", search.Name, 100, false);
        errors.Text("email", search.Email, 254, false);
        errors.Text("document", search.Document, 40, false);
        Guid? cursor = null;
        if (after is not null)
        {
            cursor = Guid.TryParse(after, out var id) ? id : null;
            if (cursor is null)
            {
                errors.Add("after", "must be the next value of a previous page");
            }
        }

        errors.ThrowIfAny();
        var phone = string.IsNullOrWhiteSpace(search.Phone) ? null : GuestRules.NormalizePhone(search.Phone);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var rows = await GuestStore.SearchAsync(unit.Transaction, GuestStore.Tokens(search.Name), search.Email?.Trim(), phone,
            search.Document?.Trim().ToUpperInvariant(), cursor, take + 1, cancellationToken);
        return Paging.Of(rows, take, g => g.Id.ToString());
    }

    public async Task<GuestResponse> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        return await GuestStore.FindAsync(unit.Transaction, id, false, cancellationToken) ?? throw new NotFoundException("guest", id.ToString());
    }

    public async Task<GuestResponse> CreateAsync(GuestRequest request, CancellationToken cancellationToken)
    {
        var guest = Validate(request, required: true);
        var blacklisted = request.Blacklisted ?? false;
        CheckBlacklist(blacklisted, blacklisted, guest.BlacklistReason);
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await unit.Command("""
            insert into inventory.guests (tenant_id, id, first_name, last_name, email, phone, address, nationality, document_type, document_number,
                date_of_birth, vip_level, preferences, marketing_consent, blacklisted, blacklist_reason)
            values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16)
            """).With(caller.TenantId, id, guest.FirstName, guest.LastName, guest.Email, guest.Phone, Address.ToJson(guest.Address), guest.Nationality,
                guest.DocumentType, guest.DocumentNumber, guest.DateOfBirth, guest.VipLevel ?? "NONE", JsonSerializer.Serialize(request.Preferences ?? []),
                request.MarketingConsent ?? false, blacklisted, blacklisted ? guest.BlacklistReason : null)
            .RunAsync(cancellationToken);
        var created = (await GuestStore.FindAsync(unit.Transaction, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<GuestResponse> UpdateAsync(Guid id, GuestRequest request, int? expectedVersion, CancellationToken cancellationToken)
    {
        var guest = Validate(request, required: false);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var current = await GuestStore.FindAsync(unit.Transaction, id, true, cancellationToken) ?? throw new NotFoundException("guest", id.ToString());
        Versioning.Check(expectedVersion, current.Version, "guest");
        var blacklisted = request.Blacklisted ?? current.Blacklisted;
        var reason = blacklisted ? guest.BlacklistReason ?? current.BlacklistReason : null;
        CheckBlacklist(blacklisted != current.Blacklisted || (blacklisted && reason != current.BlacklistReason), blacklisted, reason);

        await unit.Command("""
            update inventory.guests set first_name = coalesce($2, first_name), last_name = coalesce($3, last_name), email = coalesce($4, email),
                phone = coalesce($5, phone), address = coalesce($6::jsonb, address), nationality = coalesce($7, nationality),
                document_type = coalesce($8, document_type), document_number = coalesce($9, document_number),
                date_of_birth = coalesce($10, date_of_birth), vip_level = coalesce($11, vip_level), preferences = coalesce($12::jsonb, preferences),
                marketing_consent = coalesce($13, marketing_consent), blacklisted = $14, blacklist_reason = $15,
                updated_at = now(), version = version + 1
            where id = $1
            """).With(id, guest.FirstName, guest.LastName, guest.Email, guest.Phone, Address.ToJson(guest.Address), guest.Nationality,
                guest.DocumentType, guest.DocumentNumber, guest.DateOfBirth, guest.VipLevel,
                request.Preferences is null ? null : JsonSerializer.Serialize(request.Preferences), request.MarketingConsent, blacklisted, reason)
            .RunAsync(cancellationToken);
        var updated = (await GuestStore.FindAsync(unit.Transaction, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return updated;
    }

    private GuestRequest Validate(GuestRequest request, bool required)
    {
        var errors = new FieldErrors();
        var firstName = errors.Text("firstName", request.FirstName, 100, required);
        var lastName = errors.Text("lastName", request.LastName, 100, required);
        var email = GuestRules.Email(errors, request.Email);
        var phone = GuestRules.Phone(errors, request.Phone);
        var address = Address.Normalize(errors, "address", request.Address);
        var nationality = GuestRules.Nationality(errors, request.Nationality);
        var documentType = request.DocumentType?.Trim().ToUpperInvariant();
        errors.OneOf("documentType", documentType, GuestRules.DocumentTypes);
        var document = GuestRules.Document(errors, request.DocumentNumber);
        if (document is not null && documentType is null && required)
        {
            errors.Add("documentType", "is required with a documentNumber");
        }

        GuestRules.DateOfBirth(errors, request.DateOfBirth, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var vip = request.VipLevel?.Trim().ToUpperInvariant();
        errors.OneOf("vipLevel", vip, GuestRules.VipLevels);
        GuestRules.Preferences(errors, request.Preferences);
        var reason = errors.Text("blacklistReason", request.BlacklistReason, 500, false);
        errors.ThrowIfAny();
        return new GuestRequest(firstName, lastName, email, phone, address, nationality, documentType, document, request.DateOfBirth, vip,
            request.Preferences, request.MarketingConsent, request.Blacklisted, reason);
    }

    private void CheckBlacklist(bool changing, bool blacklisted, string? reason)
    {
        if (changing && TenantRoles.Level(caller.Role) < TenantRoles.Level(TenantRoles.Manager))
        {
            throw new ForbiddenException("Only a MANAGER or above may blacklist a guest or lift a blacklist.");
        }

        if (blacklisted && reason is null)
        {
            throw ValidationFailedException.For("blacklistReason", "is required when blacklisted is true");
        }
    }
}
