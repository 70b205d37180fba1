using Tartware.Properties.Common;

namespace Tartware.Properties.Guests;

/// <summary>
/// POST /v1/guests (first and last name required) and PATCH /v1/guests/{id} (absent fields unchanged;
/// <c>preferences</c>, when sent, replaces them). Setting <c>blacklisted</c> needs a MANAGER or above and a reason.
/// </summary>
internal sealed record GuestRequest(
    string? FirstName, string? LastName, string? Email, string? Phone, Address? Address, string? Nationality, string? DocumentType,
    string? DocumentNumber, DateOnly? DateOfBirth, string? VipLevel, Dictionary<string, string>? Preferences, bool? MarketingConsent,
    bool? Blacklisted, string? BlacklistReason);

/// <summary>A guest profile (tenant-wide: every property of the tenant sees it).</summary>
internal sealed record GuestResponse(
    Guid Id, string FirstName, string LastName, string? Email, string? Phone, Address? Address, string? Nationality, string? DocumentType,
    string? DocumentNumber, DateOnly? DateOfBirth, string VipLevel, IReadOnlyDictionary<string, string> Preferences, bool MarketingConsent,
    bool Blacklisted, string? BlacklistReason, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>GET /v1/guests filters (combined with AND).</summary>
internal sealed record GuestSearch(string? Name, string? Email, string? Phone, string? Document);
