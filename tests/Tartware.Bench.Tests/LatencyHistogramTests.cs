using Shouldly;
using Tartware.Bench.Load;
using Xunit;

namespace Tartware.Bench.Tests;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100];

    [Fact]
    public void Percentiles_match_a_sorted_array_oracle_within_one_bucket_on_random_data()
    {
        var random = new Random(20261201);
        var values = Enumerable.Range(0, 100_000).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(50_000_000))).ToArray();
        var histogram = new LatencyHistogram();
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        Array.Sort(values);
        foreach (var p in Percentiles)
        {
            var oracle = values[Math.Max(0, (int)Math.Ceiling(p / 100 * values.Length) - 1)];
            var reported = histogram.ValueAt(p);
            reported.ShouldBeGreaterThanOrEqualTo(oracle, $"p{p}");
            // A bucket is at most 1/128 of its values wide.
            (reported - oracle).ShouldBeLessThanOrEqualTo(Math.Max(0, oracle / 128), $"p{p}");
        }

        histogram.Count.ShouldBe(values.Length);
        histogram.Min.ShouldBe(values[0]);
        histogram.Max.ShouldBe(values[^1]);
        histogram.Mean.ShouldBe(values.Average(), values.Average() * 1e-9);
    }

    [Fact]
    public void Merging_two_halves_equals_recording_everything_in_one()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)random.Next(1, 2_000_000)).ToArray();
        var whole = new LatencyHistogram();
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Record(values[i]);
            (i % 2 == 0 ? first : second).Record(values[i]);
        }

        first.Merge(second);
        first.Count.ShouldBe(whole.Count);
        first.Min.ShouldBe(whole.Min);
        first.Max.ShouldBe(whole.Max);
        first.NonEmptyBuckets().Select(b => (b[0], b[1])).ShouldBe(whole.NonEmptyBuckets().Select(b => (b[0], b[1])));
        foreach (var p in Percentiles)
        {
            first.ValueAt(p).ShouldBe(whole.ValueAt(p));
        }
    }

    [Fact]
    public void Values_below_256_microseconds_are_exact_to_the_microsecond()
    {
        for (long v = 0; v < 256; v++)
        {
            var h = new LatencyHistogram();
            h.Record(v);
            h.ValueAt(50).ShouldBe(v);
            LatencyHistogram.IndexOf(v).ShouldBe((int)v);
        }

        var one = new LatencyHistogram();
        one.Record(1);
        one.Record(2);
        one.ValueAt(50).ShouldBe(1);
        one.ValueAt(100).ShouldBe(2);
    }

    [Fact]
    public void Every_bucket_is_contiguous_and_holds_its_values_within_one_128th()
    {
        for (var i = 1; i < LatencyHistogram.BucketCount; i++)
        {
            LatencyHistogram.LowestEquivalent(i).ShouldBe(LatencyHistogram.HighestEquivalent(i - 1) + 1, $"bucket {i}");
        }

        var random = new Random(3);
        for (var n = 0; n < 100_000; n++)
        {
            var v = random.NextInt64(0, 1L << 40);
            var index = LatencyHistogram.IndexOf(v);
            LatencyHistogram.LowestEquivalent(index).ShouldBeLessThanOrEqualTo(v);
            LatencyHistogram.HighestEquivalent(index).ShouldBeGreaterThanOrEqualTo(v);
            (LatencyHistogram.HighestEquivalent(index) - LatencyHistogram.LowestEquivalent(index)).ShouldBeLessThanOrEqualTo(Math.Max(0, v / 128));
        }
    }

    [Fact]
    public void Huge_and_negative_values_are_clamped_not_thrown()
    {
        var h = new LatencyHistogram();
        h.Record(long.MaxValue);
        h.Record(-5);
        h.Count.ShouldBe(2);
        h.Min.ShouldBe(0);
        h.ValueAt(100).ShouldBe(long.MaxValue);
        new LatencyHistogram().ValueAt(99).ShouldBe(0);
    }
}
