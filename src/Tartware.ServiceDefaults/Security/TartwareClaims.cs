namespace Tartware.ServiceDefaults.Security;

/// <summary>Claim names in Tartware access tokens (JWT registered names where one exists).</summary>
public static class TartwareClaims
{
    /// <summary>User id.</summary>
    public const string Subject = "sub";

    /// <summary>The tenant the token was issued for; the only source of the request's tenant.</summary>
    public const string TenantId = "tenant_id";

    /// <summary>Membership role: OWNER, ADMIN, MANAGER, STAFF, VIEWER.</summary>
    public const string Role = "role";

    /// <summary>Token id (revocation, audit).</summary>
    public const string TokenId = "jti";

    /// <summary>Properties the membership is limited to (absent = every property of the tenant).</summary>
    public const string PropertyScope = "property_ids";
}
