namespace Tartware.Contracts.Availability;

/// <summary>Operations on the guard (<c>tartware guard rebuild</c>).</summary>
public interface IAvailabilityMaintenance
{
    /// <summary>
    /// Recomputes every materialized night of a tenant (or one property) from the rooms and the active
    /// locks, and the rooms' assignments from the active locks. With <paramref name="verifyOnly"/> it
    /// changes nothing and only reports the drift.
    /// </summary>
    Task<LedgerDriftReport> RebuildAsync(Guid tenantId, Guid? propertyId, bool verifyOnly, CancellationToken cancellationToken = default);
}

/// <summary>What a rebuild found.</summary>
/// <param name="NightsChecked">Nights compared.</param>
/// <param name="NightsDrifted">Nights whose stored counters differed from the recomputed ones.</param>
/// <param name="AssignmentsDrifted">Active room assignments whose lock is no longer active.</param>
/// <param name="Repaired">True when the drift was written back (not a verify run).</param>
/// <param name="Samples">Up to 20 drifted nights, described.</param>
public sealed record LedgerDriftReport(int NightsChecked, int NightsDrifted, int AssignmentsDrifted, bool Repaired, IReadOnlyList<string> Samples);
