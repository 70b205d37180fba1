namespace Tartware.BuildTools.Coverage;

/// <summary>Merged line coverage of one assembly. Percentages use integer arithmetic so a baseline check is exact.</summary>
internal sealed record AssemblyCoverage(string Assembly, int Covered, int Total)
{
    /// <summary>Whole percent, rounded down: what a ratchet may record.</summary>
    public int FloorPercent => Total == 0 ? 100 : (int)(Covered * 100L / Total);

    /// <summary>Tenths of a percent, rounded down, so 60.96 % shows as 60.9 and never as a passing-looking 61.0.</summary>
    public long FloorTenths => Total == 0 ? 1000 : Covered * 1000L / Total;

    public bool IsBelow(int baselinePercent) => Covered * 100L < (long)baselinePercent * Total;
}
