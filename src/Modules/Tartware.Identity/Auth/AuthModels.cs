namespace Tartware.Identity.Auth;

/// <summary>POST /v1/auth/login.</summary>
internal sealed record LoginRequest(string? Username, string? Password, Guid? TenantId, string? TotpCode);

/// <summary>POST /v1/auth/refresh and /logout.</summary>
internal sealed record RefreshRequest(string? RefreshToken);

/// <summary>POST /v1/auth/switch-tenant.</summary>
internal sealed record SwitchTenantRequest(Guid? TenantId);

/// <summary>A tenant the user may work in.</summary>
internal sealed record TenantChoice(Guid TenantId, string Name, string Role);

/// <summary>Tokens for one tenant session.</summary>
internal sealed record TokenResponse(
    string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, Guid TenantId, IReadOnlyList<TenantChoice> Tenants);

/// <summary>GET /v1/auth/context.</summary>
internal sealed record AuthContextResponse(
    Guid UserId, string Username, string Email, Guid TenantId, string TenantName, string Role,
    IReadOnlyList<string> Permissions, IReadOnlyList<Guid>? PropertyIds, bool MfaEnabled);
