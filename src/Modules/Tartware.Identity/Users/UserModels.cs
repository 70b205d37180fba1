namespace Tartware.Identity.Users;

/// <summary>POST /v1/users: a new staff account with its membership in the caller's tenant.</summary>
internal sealed record CreateUserRequest(
    string? Username, string? Email, string? DisplayName, string? Password, string? Role, Guid[]? PropertyIds);

/// <summary>PATCH /v1/users/{id}: profile fields; absent fields are left as they are.</summary>
internal sealed record UpdateUserRequest(string? Email, string? DisplayName, string? Status);

/// <summary>POST /v1/users/{id}/reset-password: a new password, or none to generate one.</summary>
internal sealed record ResetPasswordRequest(string? Password);

/// <summary>PUT /v1/users/{id}/membership.</summary>
internal sealed record MembershipRequest(string? Role, Guid[]? PropertyIds, bool? Active, DateTimeOffset? ActiveFrom, DateTimeOffset? ActiveUntil);

/// <summary>A member of the tenant as admins see them.</summary>
internal sealed record UserResponse(
    Guid Id, string Username, string Email, string? DisplayName, string Status, bool MfaEnabled, DateTimeOffset? LastLoginAt,
    string Role, Guid[]? PropertyIds, bool Active, DateTimeOffset? ActiveFrom, DateTimeOffset? ActiveUntil);

/// <summary>A page of users (keyset by username).</summary>
internal sealed record UserPage(IReadOnlyList<UserResponse> Items, string? Next);

/// <summary>Answer of create/reset when the server generated the password (shown once).</summary>
internal sealed record UserCreated(UserResponse User, string? GeneratedPassword);
