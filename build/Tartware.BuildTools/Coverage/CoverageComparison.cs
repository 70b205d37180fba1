namespace Tartware.BuildTools.Coverage;

internal enum CoverageStatus
{
    Ok,
    Fell,
    New,
}

/// <summary>One measured assembly against its baseline (null when the baseline does not list it).</summary>
internal sealed record CoverageRow(AssemblyCoverage Coverage, int? Baseline)
{
    public CoverageStatus Status => Baseline switch
    {
        null => CoverageStatus.New,
        var b when Coverage.IsBelow(b.Value) => CoverageStatus.Fell,
        _ => CoverageStatus.Ok,
    };

    /// <summary>At least one whole point above the baseline: worth ratcheting.</summary>
    public bool CanRatchet => Baseline is { } b && Coverage.FloorPercent >= b + 1;
}

/// <summary>Measured coverage compared with build/coverage-baseline.json.</summary>
internal sealed record CoverageComparison(IReadOnlyList<CoverageRow> Rows, IReadOnlyList<string> NotMeasured)
{
    public IEnumerable<CoverageRow> Fell => Rows.Where(r => r.Status == CoverageStatus.Fell);

    public bool Failed => Fell.Any();

    public bool WorthRatcheting => Rows.Any(r => r.CanRatchet || r.Status == CoverageStatus.New);

    public static CoverageComparison Compare(IReadOnlyList<AssemblyCoverage> measured, CoverageBaseline baseline)
    {
        var rows = measured
            .Select(m => new CoverageRow(m, baseline.Assemblies.TryGetValue(m.Assembly, out var b) ? b : null))
            .ToList();
        var notMeasured = baseline.Assemblies.Keys
            .Where(a => measured.All(m => m.Assembly != a))
            .ToList();
        return new CoverageComparison(rows, notMeasured);
    }
}
