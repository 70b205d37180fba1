namespace Tartware.Bench.Load;

/// <summary>
/// HDR-style latency histogram in microseconds: exact below 256 µs, then log-linear buckets of 128
/// sub-buckets per power of two, so any recorded value is reported within 1/128 (&lt; 0.8 %) of itself.
/// Fixed layout, so two histograms merge by adding counts. Written by hand: no HdrHistogram package on
/// the feed (see DEPENDENCIES.md); not thread-safe, callers serialize access.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;      // 128
    private const int LinearLimit = SubBuckets * 2;          // values below are exact
    private const int MaxExponent = 40;                      // 2^40 µs ≈ 12.7 days: clamp above

    /// <summary>Number of buckets in the fixed layout.</summary>
    public const int BucketCount = LinearLimit + ((MaxExponent - SubBucketBits) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        _counts[IndexOf(value)]++;
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0-100): the highest value equivalent to the bucket
    /// holding rank ceil(p·n), capped by the exact maximum (HdrHistogram's convention).
    /// </summary>
    public long ValueAt(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // The last bucket also holds every clamped value: only the exact maximum is honest there.
                return i == BucketCount - 1 ? Max : Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Non-empty buckets as (index, count), for reports that others merge later.</summary>
    public IReadOnlyList<long[]> NonEmptyBuckets()
    {
        var list = new List<long[]>();
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] != 0)
            {
                list.Add([i, _counts[i]]);
            }
        }

        return list;
    }

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(value);   // 8.. for values >= 256
        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        var shift = exponent - SubBucketBits;
        var sub = (int)(value >> shift) - SubBuckets;        // 0..127
        return LinearLimit + ((exponent - (SubBucketBits + 1)) * SubBuckets) + sub;
    }

    internal static long LowestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var block = (index - LinearLimit) / SubBuckets;      // exponent - 8
        var sub = (index - LinearLimit) % SubBuckets;
        var shift = block + 1;
        return (long)(SubBuckets + sub) << shift;
    }

    internal static long HighestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        return LowestEquivalent(index) + (1L << shift) - 1;
    }
}
