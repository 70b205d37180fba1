using Shouldly;
using Tartware.ServiceDefaults.Tests.Caching.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Caching;

public sealed class TwoLevelCacheTests
{
    private static readonly TimeSpan _ttl = TimeSpan.FromMinutes(5);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Second_call_is_served_from_l1_without_running_the_factory()
    {
        await using var host = CacheTestHost.Create();
        var source = new CountingSource();

        (await Get(host, "k", source)).ShouldBe("value-1");
        (await Get(host, "k", source)).ShouldBe("value-1");

        source.Calls.ShouldBe(1);
        host.L1Count.ShouldBe(1);
    }

    [Fact]
    public async Task Another_process_is_served_from_redis_without_running_the_factory()
    {
        await using var first = CacheTestHost.Create();
        await using var second = CacheTestHost.Join(first);
        var source = new CountingSource();

        (await Get(first, "k", source)).ShouldBe("value-1");
        (await Get(second, "k", source)).ShouldBe("value-1");

        source.Calls.ShouldBe(1);
        second.L1Count.ShouldBe(1);
    }

    [Fact]
    public async Task Fifty_concurrent_misses_run_the_factory_once()
    {
        await using var host = CacheTestHost.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new CountingSource(release.Task);

        var callers = Enumerable.Range(0, 50).Select(_ => Get(host, "hot", source).AsTask()).ToArray();
        release.SetResult();
        var values = await Task.WhenAll(callers);

        values.ShouldAllBe(v => v == "value-1");
        source.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Invalidating_a_tag_is_seen_by_another_process_on_its_next_call()
    {
        await using var writer = CacheTestHost.Create();
        await using var reader = CacheTestHost.Join(writer);
        var source = new CountingSource();
        (await Get(reader, "membership", source, "user:1")).ShouldBe("value-1");
        (await Get(reader, "other", source, "user:2")).ShouldBe("value-2");

        await writer.Cache.InvalidateTagAsync("user:1", Ct);

        (await Get(reader, "membership", source, "user:1")).ShouldBe("value-3");
        (await Get(reader, "other", source, "user:2")).ShouldBe("value-2");
        source.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task Invalidating_a_key_is_seen_by_another_process_on_its_next_call()
    {
        await using var writer = CacheTestHost.Create();
        await using var reader = CacheTestHost.Join(writer);
        var source = new CountingSource();
        (await Get(reader, "k", source)).ShouldBe("value-1");

        await writer.Cache.InvalidateKeyAsync("tests", "k", Ct);

        (await Get(reader, "k", source)).ShouldBe("value-2");
        (await Get(writer, "k", source)).ShouldBe("value-2");
    }

    [Fact]
    public async Task A_value_loaded_while_its_tag_is_invalidated_is_not_served_afterwards()
    {
        await using var host = CacheTestHost.Create();
        await using var other = CacheTestHost.Join(host);
        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new CountingSource(release.Task, loading);

        var slow = Get(host, "k", source, "tenant:1").AsTask();
        await loading.Task.WaitAsync(Ct);
        // The row changes while the old value is being read from the source.
        await other.Cache.InvalidateTagAsync("tenant:1", Ct);
        release.SetResult();
        (await slow).ShouldBe("value-1");

        (await Get(host, "k", source, "tenant:1")).ShouldBe("value-2");
        (await Get(other, "k", source, "tenant:1")).ShouldBe("value-2");
    }

    [Fact]
    public async Task Entries_expire_after_their_ttl()
    {
        await using var host = CacheTestHost.Create();
        var source = new CountingSource();
        var ttl = TimeSpan.FromMilliseconds(300);
        (await host.Cache.GetOrCreateAsync("tests", "k", [], source.LoadAsync, ttl, Ct)).ShouldBe("value-1");

        await Eventually.HoldsAsync(
            async () => await host.Cache.GetOrCreateAsync("tests", "k", [], source.LoadAsync, ttl, Ct) != "value-1",
            TimeSpan.FromSeconds(10), "the entry expires");
    }

    [Fact]
    public async Task Factory_errors_reach_the_caller_and_nothing_is_cached()
    {
        await using var host = CacheTestHost.Create();

        await Should.ThrowAsync<InvalidOperationException>(async () => await host.Cache.GetOrCreateAsync<string>(
            "tests", "k", [], _ => throw new InvalidOperationException("database down"), _ttl, Ct));

        (await Get(host, "k", new CountingSource())).ShouldBe("value-1");
    }

    [Fact]
    public async Task Tags_given_in_another_order_share_the_entry()
    {
        await using var host = CacheTestHost.Create();
        var source = new CountingSource();

        await Get(host, "k", source, "a", "b");
        await Get(host, "k", source, "b", "a", "a");

        source.Calls.ShouldBe(1);
    }

    internal static ValueTask<string?> Get(CacheTestHost host, string key, CountingSource source, params string[] tags) =>
        host.Cache.GetOrCreateAsync("tests", key, tags, source.LoadAsync, _ttl, Ct);
}

/// <summary>The source of truth: counts loads and returns value-1, value-2, ...</summary>
internal sealed class CountingSource(Task? gate = null, TaskCompletionSource? started = null)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        started?.TrySetResult();
        if (gate is not null && call == 1)
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
        }

        return $"value-{call}";
    }
}
