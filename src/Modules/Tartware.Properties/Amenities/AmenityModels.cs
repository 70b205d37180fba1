namespace Tartware.Properties.Amenities;

/// <summary>An entry of a property's amenity catalog.</summary>
internal sealed record AmenityEntry(
    string Code, string Name, string Category, string Icon, string[] Tags, string Source, bool IsDefault, bool IsRequired,
    bool Overridden, string Status, DateTimeOffset UpdatedAt);

/// <summary>The catalog of a property.</summary>
internal sealed record AmenityCatalog(Guid PropertyId, IReadOnlyList<AmenityEntry> Items);

/// <summary>PUT .../amenities/{code}: a custom entry, or an override of a canonical one (absent fields keep the canonical value).</summary>
internal sealed record AmenityOverrideRequest(string? Name, string? Category, string? Icon, string[]? Tags, string? Status);

/// <summary>POST .../amenities/normalize: spellings to check against the property's catalog.</summary>
internal sealed record NormalizeRequest(string[]? Codes);

/// <summary>POST .../amenities/clone: copy catalog entries (the defaults when <c>codes</c> is absent) into room types.</summary>
internal sealed record CloneRequest(string[]? Codes, Guid[]? RoomTypeIds, Dictionary<string, string>? Metadata);

/// <summary>What a clone added and what was already there.</summary>
internal sealed record CloneResult(int Added, int AlreadyPresent, IReadOnlyList<string> Codes);

/// <summary>One room-type amenity that does not match an active catalog entry.</summary>
internal sealed record DriftItem(Guid RoomTypeId, string RoomTypeCode, string Code, string Kind, string? Suggestion);

/// <summary>GET .../amenities/drift.</summary>
internal sealed record DriftReport(Guid PropertyId, int Total, IReadOnlyDictionary<string, int> ByKind, IReadOnlyList<DriftItem> Items);

/// <summary>POST .../amenities/reconcile: MAP_OR_REMOVE (default), MAP_ONLY or REMOVE.</summary>
internal sealed record ReconcileRequest(string? Mode);

/// <summary>What the reconciler did.</summary>
internal sealed record ReconcileResult(int Mapped, int Removed, int Remaining, IReadOnlyList<DriftItem> Actions);

/// <summary>Drift kinds and reconcile modes.</summary>
internal static class Drift
{
    /// <summary>A legacy or free-form spelling of an active catalog code.</summary>
    public const string LegacyCode = "LEGACY_CODE";

    /// <summary>The catalog has the code but it is switched off.</summary>
    public const string Inactive = "INACTIVE";

    /// <summary>Not in the catalog and not mappable.</summary>
    public const string Unknown = "UNKNOWN";

    public static readonly string[] Modes = ["MAP_OR_REMOVE", "MAP_ONLY", "REMOVE"];
}
