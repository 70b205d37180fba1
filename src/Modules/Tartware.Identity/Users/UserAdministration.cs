using Npgsql;
using Tartware.Identity.Auth;
using Tartware.Identity.Security;
using Tartware.Identity.Tenants;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Identity.Users;

/// <summary>
/// User administration inside the caller's tenant. Rules: nobody grants a role above their own and
/// only an OWNER changes an OWNER; the last active OWNER cannot be removed or demoted; profile
/// fields of a user shared with other tenants are not editable from one tenant (only its membership).
/// </summary>
internal sealed class UserAdministration(
    IUnitOfWorkFactory units, RequestContext caller, PasswordHashing hashing, IMembershipLookup memberships, UsernameFilter usernames,
    TimeProvider time)
{
    public async Task<UserPage> ListAsync(int limit, string? after, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 200)
        {
            throw ValidationFailedException.For("limit", "must be between 1 and 200");
        }

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var items = await TenantUserStore.PageAsync(unit, limit + 1, after, cancellationToken);
        var page = items.Take(limit).ToList();
        return new UserPage(page, items.Count > limit ? page[^1].Username : null);
    }

    public async Task<UserResponse> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        return await TenantUserStore.FindAsync(unit, id, false, cancellationToken) ?? throw new NotFoundException("user", id.ToString());
    }

    public async Task<UserCreated> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var username = request.Username?.Trim().ToLowerInvariant() ?? "";
        var email = request.Email?.Trim() ?? "";
        var role = request.Role ?? TenantRoles.Staff;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        TenantValidation.AddUserErrors(errors, "", username, email);
        CheckRole(errors, role);
        var generated = request.Password is null ? PasswordGenerator.Generate() : null;
        AddPasswordErrors(errors, request.Password ?? generated!, username, email);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        EnsureMayAssign(role);
        var userId = Guid.CreateVersion7(time.GetUtcNow());
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        try
        {
            await unit.Command("insert into identity.users (id, username, email, display_name, password_hash) values ($1, $2, $3, $4, $5)")
                .With(userId, username, email, request.DisplayName?.Trim(), hashing.Hash(request.Password ?? generated!))
                .ExecuteNonQueryAsync(cancellationToken);
            await unit.Command("insert into identity.memberships (tenant_id, user_id, role, property_ids) values ($1, $2, $3, $4)")
                .With(caller.TenantId, userId, role, request.PropertyIds).ExecuteNonQueryAsync(cancellationToken);
            var user = (await TenantUserStore.FindAsync(unit, userId, false, cancellationToken))!;
            await unit.CommitAsync(cancellationToken);
            await usernames.AddAsync(username, CancellationToken.None);
            return new UserCreated(user, generated);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("users_username_key") || ex.IsUniqueViolation("users_email_key"))
        {
            throw new ConflictException("This username or email is not available.", "user-exists");
        }
    }

    public async Task<UserResponse> UpdateAsync(Guid id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Email is not null)
        {
            TenantValidation.AddUserErrors(errors, "", "valid", request.Email);
        }

        if (request.Status is not null and not ("ACTIVE" or "DISABLED"))
        {
            errors["status"] = ["must be ACTIVE or DISABLED"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var user = await TenantUserStore.FindAsync(unit, id, true, cancellationToken) ?? throw new NotFoundException("user", id.ToString());
        EnsureMayChange(user.Role);
        if (await TenantUserStore.TenantCountAsync(unit, id, cancellationToken) > 1)
        {
            throw new ConflictException("This user also works for other tenants; change their membership here instead.", "user-shared");
        }

        try
        {
            await unit.Command("""
                update identity.users set email = coalesce($2, email), display_name = coalesce($3, display_name),
                    status = coalesce($4, status), updated_at = now(), version = version + 1
                where id = $1
                """).With(id, request.Email?.Trim(), request.DisplayName?.Trim(), request.Status).ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("users_email_key"))
        {
            throw new ConflictException("This email is not available.", "user-exists");
        }

        var updated = (await TenantUserStore.FindAsync(unit, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        await memberships.InvalidateUserAsync(id, cancellationToken);
        return updated;
    }

    public async Task<UserCreated> ResetPasswordAsync(Guid id, ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var user = await TenantUserStore.FindAsync(unit, id, true, cancellationToken) ?? throw new NotFoundException("user", id.ToString());
        EnsureMayChange(user.Role);
        var generated = request.Password is null ? PasswordGenerator.Generate() : null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AddPasswordErrors(errors, request.Password ?? generated!, user.Username, user.Email);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await unit.Command("""
            update identity.users set password_hash = $2, password_changed_at = now(), failed_attempts = 0, locked_until = null where id = $1
            """).With(id, hashing.Hash(request.Password ?? generated!)).ExecuteNonQueryAsync(cancellationToken);
        await unit.Command("""
            update identity.refresh_tokens set revoked_at = now(), revoke_reason = 'password reset' where user_id = $1 and revoked_at is null
            """).With(id).ExecuteNonQueryAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new UserCreated(user, generated);
    }

    public async Task<UserResponse> SetMembershipAsync(Guid id, MembershipRequest request, CancellationToken cancellationToken)
    {
        var role = request.Role ?? "";
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckRole(errors, role);
        if (request.ActiveFrom is { } from && request.ActiveUntil is { } until && until <= from)
        {
            errors["activeUntil"] = ["must be after activeFrom"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var user = await TenantUserStore.FindAsync(unit, id, true, cancellationToken) ?? throw new NotFoundException("user", id.ToString());
        EnsureMayChange(user.Role);
        EnsureMayAssign(role);
        var active = request.Active ?? true;
        if (user.Role == TenantRoles.Owner && user.Active && (role != TenantRoles.Owner || !active)
            && await TenantUserStore.ActiveOwnersAsync(unit, cancellationToken) <= 1)
        {
            throw new ConflictException("A tenant needs at least one active OWNER.", "last-owner");
        }

        await unit.Command("""
            update identity.memberships set role = $2, property_ids = $3, active = $4, active_from = $5, active_until = $6,
                updated_at = now(), version = version + 1
            where user_id = $1
            """).With(id, role, request.PropertyIds, active, request.ActiveFrom, request.ActiveUntil).ExecuteNonQueryAsync(cancellationToken);
        var updated = (await TenantUserStore.FindAsync(unit, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        await memberships.InvalidateUserAsync(id, cancellationToken);
        return updated;
    }

    private void EnsureMayAssign(string role)
    {
        if (caller.Role != TenantRoles.Owner && TenantRoles.Level(role) >= TenantRoles.Level(caller.Role))
        {
            throw new ForbiddenException($"A {caller.Role} can only grant roles below their own.");
        }
    }

    private void EnsureMayChange(string currentRole)
    {
        if (caller.Role != TenantRoles.Owner && TenantRoles.Level(currentRole) >= TenantRoles.Level(caller.Role))
        {
            throw new ForbiddenException($"A {caller.Role} can only change users with a lower role.");
        }
    }

    private static void CheckRole(Dictionary<string, string[]> errors, string role)
    {
        if (TenantRoles.Level(role) < 0)
        {
            errors["role"] = [$"must be one of {string.Join(", ", TenantRoles.All)}"];
        }
    }

    private static void AddPasswordErrors(Dictionary<string, string[]> errors, string password, string username, string email)
    {
        var violations = PasswordPolicy.Check(password, username, email);
        if (violations.Count > 0)
        {
            errors["password"] = [.. violations.Select(v => v.Message)];
        }
    }
}

/// <summary>Server-generated passwords: 20 characters without look-alikes (~116 bits).</summary>
internal static class PasswordGenerator
{
    public static string Generate() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}
