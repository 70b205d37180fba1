namespace Tartware.Contracts.Identity;

/// <summary>Maintenance the operations verbs run (<c>tartware cache rebuild</c>).</summary>
public interface IIdentityMaintenance
{
    /// <summary>Rebuilds the username Bloom filter from the users table and swaps it in atomically.</summary>
    Task<CacheRebuilt> RebuildUsernameFilterAsync(CancellationToken cancellationToken = default);
}

/// <summary>Outcome of a filter rebuild.</summary>
/// <param name="Filter">Filter name.</param>
/// <param name="Version">The version now current.</param>
/// <param name="Items">Items in it.</param>
/// <param name="Bits">Bitmap size.</param>
/// <param name="HashCount">Hash functions.</param>
/// <param name="DurationMs">Build time.</param>
public sealed record CacheRebuilt(string Filter, long Version, long Items, long Bits, int HashCount, double DurationMs);
