using Tartware.Identity.Security;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Identity.Auth;

/// <summary>Outcome of presenting a refresh token.</summary>
internal enum RefreshOutcome
{
    Rotated,
    Invalid,
    Expired,
    Reused,
}

/// <summary>
/// Rotating refresh tokens (OAuth 2.0 Security BCP §4.14): each use returns a new token of the same
/// family; presenting a used or revoked token again means it was stolen, so the whole family is
/// revoked. Only SHA-256 hashes are stored. The token names its tenant ("{tenant}.{secret}") so the
/// lookup runs under that tenant's row-level security; a forged tenant part simply finds nothing.
/// </summary>
internal sealed class RefreshTokenStore(IUnitOfWorkFactory units, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public async Task<string> IssueAsync(Guid tenantId, Guid userId, Guid? familyId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        var token = await InsertAsync(unit, tenantId, userId, familyId ?? Guid.CreateVersion7(time.GetUtcNow()), cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return token.Value;
    }

    /// <summary>Uses a token: on success returns the new token and the session's tenant and user.</summary>
    public async Task<(RefreshOutcome Outcome, string? Token, Guid TenantId, Guid UserId)> RotateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!TryParse(presented, out var tenantId))
        {
            return (RefreshOutcome.Invalid, null, Guid.Empty, Guid.Empty);
        }

        var now = time.GetUtcNow();
        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        await using var find = unit.Command("""
            select id, user_id, family_id, expires_at, used_at, revoked_at from identity.refresh_tokens
            where token_hash = $1 for update
            """).With(RefreshTokenValue.Hash(presented));
        Guid id, userId, familyId;
        DateTimeOffset expiresAt;
        bool spent;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (RefreshOutcome.Invalid, null, tenantId, Guid.Empty);
            }

            (id, userId, familyId, expiresAt) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3));
            spent = !reader.IsDBNull(4) || !reader.IsDBNull(5);
        }

        if (spent)
        {
            await RevokeFamilyAsync(unit, familyId, "reuse detected", cancellationToken);
            await unit.CommitAsync(cancellationToken);
            return (RefreshOutcome.Reused, null, tenantId, userId);
        }

        if (expiresAt <= now)
        {
            return (RefreshOutcome.Expired, null, tenantId, userId);
        }

        var next = await InsertAsync(unit, tenantId, userId, familyId, cancellationToken);
        await unit.Command("update identity.refresh_tokens set used_at = $2, replaced_by = $3 where id = $1")
            .With(id, now, next.Id).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return (RefreshOutcome.Rotated, next.Value, tenantId, userId);
    }

    /// <summary>Revokes the family of a token (logout). Unknown tokens are ignored: logout is idempotent.</summary>
    public async Task RevokeAsync(string presented, string reason, CancellationToken cancellationToken)
    {
        if (!TryParse(presented, out var tenantId))
        {
            return;
        }

        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        await using var find = unit.Command("select family_id from identity.refresh_tokens where token_hash = $1")
            .With(RefreshTokenValue.Hash(presented));
        if (await find.ExecuteScalarAsync(cancellationToken) is Guid familyId)
        {
            await RevokeFamilyAsync(unit, familyId, reason, cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }
    }

    private async Task<(Guid Id, string Value)> InsertAsync(IUnitOfWork unit, Guid tenantId, Guid userId, Guid familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var value = $"{tenantId:N}.{RefreshTokenValue.Generate()}";
        await unit.Command("""
            insert into identity.refresh_tokens (id, tenant_id, user_id, family_id, token_hash, issued_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """).With(id, tenantId, userId, familyId, RefreshTokenValue.Hash(value), now, now + Lifetime).ExecuteNonQueryAsync(cancellationToken);
        return (id, value);
    }

    private async Task RevokeFamilyAsync(IUnitOfWork unit, Guid familyId, string reason, CancellationToken cancellationToken) =>
        await unit.Command("""
            update identity.refresh_tokens set revoked_at = $2, revoke_reason = $3 where family_id = $1 and revoked_at is null
            """).With(familyId, time.GetUtcNow(), reason).ExecuteNonQueryAsync(cancellationToken);

    private static bool TryParse(string? presented, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        var dot = presented?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot == 32 && presented!.Length < 200 && Guid.TryParseExact(presented[..dot], "N", out tenantId) && tenantId != Guid.Empty
            && RefreshTokenValue.IsWellFormed(presented[(dot + 1)..]);
    }
}
