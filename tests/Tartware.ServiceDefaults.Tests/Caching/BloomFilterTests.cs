using Shouldly;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Tests.Caching.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Caching;

public sealed class BloomFilterTests
{
    private const string Name = "usernames";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_built_filter_lookups_answer_unknown_and_adds_are_harmless()
    {
        await using var host = CacheTestHost.Create(null, Name);
        var filter = host.Bloom(Name);

        (await filter.MightContainAsync("alice", Ct)).ShouldBe(BloomLookup.Unknown);
        (await filter.AddAsync("alice", Ct)).ShouldBeTrue();
        (await filter.MightContainAsync("alice", Ct)).ShouldBe(BloomLookup.Unknown);
        (await filter.GetStatsAsync(Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_built_filter_has_no_false_negatives_and_about_the_target_false_positive_rate()
    {
        await using var host = CacheTestHost.Create(null, Name);
        var filter = host.Bloom(Name);
        var present = Users("user", 10_000);

        var build = await filter.BuildAsync(present.ToAsyncEnumerable(), 10_000, Ct);

        build.ItemCount.ShouldBe(10_000);
        build.HashCount.ShouldBe(7);
        (await LookUpAll(filter, present)).ShouldAllBe(a => a == BloomLookup.MaybePresent);
        var absent = await LookUpAll(filter, Users("stranger", 10_000));
        absent.ShouldAllBe(a => a != BloomLookup.Unknown);
        var falsePositiveRate = absent.Count(a => a == BloomLookup.MaybePresent) / 10_000.0;
        falsePositiveRate.ShouldBeLessThan(0.02);
        falsePositiveRate.ShouldBeGreaterThan(0.003);
    }

    [Fact]
    public async Task Items_added_after_the_build_are_found_by_other_processes()
    {
        await using var host = CacheTestHost.Create(null, Name);
        await using var other = CacheTestHost.Join(host, bloomFilters: Name);
        await host.Bloom(Name).BuildAsync(Users("user", 100).ToAsyncEnumerable(), 5_000, Ct);
        var added = Users("new", 2_000);

        foreach (var chunk in added.Chunk(200))
        {
            (await Task.WhenAll(chunk.Select(u => host.Bloom(Name).AddAsync(u, Ct)))).ShouldAllBe(ok => ok);
        }

        (await LookUpAll(other.Bloom(Name), added)).ShouldAllBe(a => a == BloomLookup.MaybePresent);
        (await other.Bloom(Name).GetStatsAsync(Ct))!.ItemCount.ShouldBeInRange(2_095, 2_100);
    }

    [Fact]
    public async Task Adds_made_by_another_process_during_a_build_survive_the_swap()
    {
        await using var job = CacheTestHost.Create(null, Name);
        await using var web = CacheTestHost.Join(job, bloomFilters: Name);
        await job.Bloom(Name).BuildAsync(Users("user", 500).ToAsyncEnumerable(), 1_000, Ct);

        // The user is created (and added) after the job has read past the point where it would appear.
        var build = await job.Bloom(Name).BuildAsync(
            WithSideEffect(Users("user", 500), 250, () => web.Bloom(Name).AddAsync("created-during-build", Ct)), 1_000, Ct);

        build.AddsDuringBuild.ShouldBe(1);
        build.ItemCount.ShouldBe(501);
        (await web.Bloom(Name).MightContainAsync("created-during-build", Ct)).ShouldBe(BloomLookup.MaybePresent);
        (await job.Bloom(Name).GetStatsAsync(Ct))!.Version.ShouldBe(build.Version);
    }

    [Fact]
    public async Task Readers_never_see_a_false_negative_while_new_versions_are_swapped_in()
    {
        await using var job = CacheTestHost.Create(null, Name);
        await using var web = CacheTestHost.Join(job, bloomFilters: Name);
        var users = Users("user", 2_000);
        await job.Bloom(Name).BuildAsync(users.ToAsyncEnumerable(), 2_000, Ct);
        using var stop = new CancellationTokenSource();
        var answers = new List<BloomLookup>();
        var rounds = 0;

        var reading = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                answers.AddRange(await LookUpAll(web.Bloom(Name), users.Skip(i * 50 % 2_000).Take(50)));
                Interlocked.Increment(ref rounds);
            }
        }, Ct);
        for (var build = 0; build < 5; build++)
        {
            // Each swap happens while the reader is mid-stream: wait for it to make progress first.
            var seen = Volatile.Read(ref rounds);
            await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref rounds) > seen), TimeSpan.FromSeconds(10), "the reader progresses");
            await job.Bloom(Name).BuildAsync(users.ToAsyncEnumerable(), 2_000 + (build * 500), Ct);
        }

        await stop.CancelAsync();
        await reading;

        answers.Count.ShouldBeGreaterThanOrEqualTo(250);
        answers.ShouldAllBe(a => a == BloomLookup.MaybePresent);
        (await job.Bloom(Name).GetStatsAsync(Ct))!.Version.ShouldBe(6);
    }

    [Fact]
    public async Task A_build_that_outlives_its_lease_is_refused_and_the_current_version_stays()
    {
        await using var host = CacheTestHost.Create(null, Name);
        await host.Bloom(Name).BuildAsync(Users("user", 100).ToAsyncEnumerable(), 100, Ct);
        await using var slow = CacheTestHost.Create(
            host.Prefix, CacheTestHost.LiveRedis, null, [Name], ownsKeys: false, bloom: o => o.BuildLease = TimeSpan.FromMilliseconds(50));

        await Should.ThrowAsync<InvalidOperationException>(() => slow.Bloom(Name).BuildAsync(SlowItems(), 100, Ct));

        (await host.Bloom(Name).GetStatsAsync(Ct))!.Version.ShouldBe(1);
        (await host.Bloom(Name).MightContainAsync("user-7", Ct)).ShouldBe(BloomLookup.MaybePresent);
    }

    [Fact]
    public async Task With_redis_down_lookups_answer_unknown_and_adds_report_failure()
    {
        await using var host = CacheTestHost.Create(
            CacheTestHost.NewPrefix(), CacheTestHost.DeadRedis, o => o.RedisTimeout = TimeSpan.FromMilliseconds(200), [Name], ownsKeys: false);
        var filter = host.Bloom(Name);

        (await filter.MightContainAsync("alice", Ct)).ShouldBe(BloomLookup.Unknown);
        (await filter.AddAsync("bob", Ct)).ShouldBeFalse();
        (await filter.MightContainAsync("bob", Ct)).ShouldBe(BloomLookup.Unknown);
        (await filter.GetStatsAsync(Ct)).ShouldBeNull();
        await Should.ThrowAsync<Exception>(() => filter.BuildAsync(Users("user", 10).ToAsyncEnumerable(), 10, Ct));
    }

    internal static string[] Users(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];

    internal static async Task<List<BloomLookup>> LookUpAll(IBloomFilter filter, IEnumerable<string> items)
    {
        var answers = new List<BloomLookup>();
        foreach (var chunk in items.Chunk(250))
        {
            answers.AddRange(await Task.WhenAll(chunk.Select(item => filter.MightContainAsync(item, Ct))));
        }

        return answers;
    }

    private static async IAsyncEnumerable<string> WithSideEffect(string[] items, int at, Func<Task<bool>> sideEffect)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (i == at)
            {
                (await sideEffect()).ShouldBeTrue();
            }

            yield return items[i];
        }
    }

    private static async IAsyncEnumerable<string> SlowItems()
    {
        yield return "late-1";
        await Task.Delay(200, Ct);
        yield return "late-2";
    }
}
