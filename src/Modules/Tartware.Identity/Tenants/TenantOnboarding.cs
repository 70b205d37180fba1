using Npgsql;
using Tartware.Contracts.Identity;
using Tartware.Identity.Security;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Identity.Tenants;

/// <summary>What `tartware tenant create` asks for.</summary>
internal sealed record TenantCreation(
    string Name, string Slug, string Type, string OwnerUsername, string OwnerEmail, string? OwnerPassword, string Status = "ACTIVE");


/// <summary>
/// Creates a tenant and its owner (user + OWNER membership) in one transaction, so a failure leaves
/// nothing behind. Used by the CLI before any platform administrator exists, and by the demo seed.
/// </summary>
internal sealed class TenantOnboarding(IUnitOfWorkFactory units, PasswordHashing hashing, Users.UsernameFilter usernames, TimeProvider time)
    : ITenantProvisioning
{
    public Task<TenantProvisioned> CreateTenantAsync(TenantProvisioningRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(new TenantCreation(request.Name, request.Slug, request.Type, request.OwnerUsername, request.OwnerEmail, request.OwnerPassword), cancellationToken);

    public async Task<TenantProvisioned> CreateAsync(TenantCreation request, CancellationToken cancellationToken)
    {
        var errors = TenantValidation.Validate(request);
        var generated = request.OwnerPassword is null ? Users.PasswordGenerator.Generate() : null;
        var password = request.OwnerPassword ?? generated!;
        foreach (var violation in PasswordPolicy.Check(password, request.OwnerUsername, request.OwnerEmail))
        {
            errors.TryAdd("ownerPassword", []);
            errors["ownerPassword"] = [.. errors["ownerPassword"], violation.Message];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var tenantId = Guid.CreateVersion7(time.GetUtcNow());
        var userId = Guid.CreateVersion7(time.GetUtcNow());
        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        try
        {
            await unit.Command("""
                insert into identity.tenants (id, name, slug, type, status) values ($1, $2, $3, $4, $5)
                """).With(tenantId, request.Name.Trim(), request.Slug, request.Type, request.Status).ExecuteNonQueryAsync(cancellationToken);
            await unit.Command("""
                insert into identity.users (id, username, email, password_hash) values ($1, $2, $3, $4)
                """).With(userId, request.OwnerUsername.ToLowerInvariant(), request.OwnerEmail.Trim(), hashing.Hash(password))
                .ExecuteNonQueryAsync(cancellationToken);
            await unit.Command("""
                insert into identity.memberships (tenant_id, user_id, role) values ($1, $2, 'OWNER')
                """).With(tenantId, userId).ExecuteNonQueryAsync(cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("tenants_slug_key"))
        {
            throw new ConflictException($"A tenant with slug '{request.Slug}' already exists.", "tenant-slug-taken");
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("users_username_key") || ex.IsUniqueViolation("users_email_key"))
        {
            throw new ConflictException("A user with this username or email already exists.", "user-exists");
        }

        // After the commit (a lost add is repaired by the jobs role's sync; see UsernameFilterJob).
        await usernames.AddAsync(request.OwnerUsername.ToLowerInvariant(), CancellationToken.None);
        return new TenantProvisioned(tenantId, userId, generated);
    }
}
