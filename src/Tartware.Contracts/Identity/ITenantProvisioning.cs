namespace Tartware.Contracts.Identity;

/// <summary>
/// Creates a tenant with its first owner in one transaction. Implemented by the Identity module; used
/// by `tartware tenant create`, the demo seed and (later) platform administrators.
/// </summary>
public interface ITenantProvisioning
{
    /// <summary>Creates the tenant, the owner user and the OWNER membership; throws a problem exception on bad input or a taken slug/username.</summary>
    Task<TenantProvisioned> CreateTenantAsync(TenantProvisioningRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A new tenant and its owner. A null <paramref name="OwnerPassword"/> means "generate one".</summary>
public sealed record TenantProvisioningRequest(
    string Name, string Slug, string Type, string OwnerUsername, string OwnerEmail, string? OwnerPassword);

/// <summary>Ids of what was created; <paramref name="GeneratedPassword"/> is shown once, when one was generated.</summary>
public sealed record TenantProvisioned(Guid TenantId, Guid OwnerUserId, string? GeneratedPassword);
