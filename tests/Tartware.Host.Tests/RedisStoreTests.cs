using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Tartware.Host.Tests.Infrastructure;
using Tartware.ServiceDefaults.Redis;

namespace Tartware.Host.Tests;

public sealed partial class RedisStoreTests(HostFixture host)
{
    private readonly IRedisStore _redis = host.Services.GetRequiredService<IRedisStore>();

    [Fact]
    public async Task Pattern_delete_removes_only_matching_keys_and_never_sends_KEYS()
    {
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 1_200; i++)
        {
            await _redis.Database.StringSetAsync($"test:{run}:cache:{i}", i);
        }

        await _redis.Database.StringSetAsync($"test:{run}:keep", "x");
        var (keysBefore, scanBefore) = await CommandCallsAsync();

        var deleted = await _redis.DeleteByPatternAsync($"test:{run}:cache:*", TestContext.Current.CancellationToken);

        deleted.ShouldBe(1_200);
        (await _redis.Database.KeyExistsAsync($"test:{run}:keep")).ShouldBeTrue();
        (await _redis.Database.KeyExistsAsync($"test:{run}:cache:7")).ShouldBeFalse();
        var (keysAfter, scanAfter) = await CommandCallsAsync();
        keysAfter.ShouldBe(keysBefore, "KEYS must never be sent: it blocks Redis for the whole keyspace");
        scanAfter.ShouldBeGreaterThan(scanBefore);
    }

    [Fact]
    public async Task Keys_are_written_under_the_deployment_prefix()
    {
        var key = "test:" + Guid.NewGuid().ToString("N");
        await _redis.Database.StringSetAsync(key, "v");
        using var raw = await ConnectionMultiplexer.ConnectAsync(TestSettings.RedisConfiguration);
        (await raw.GetDatabase().StringGetAsync("tartware:" + key)).ToString().ShouldBe("v");
    }

    private static async Task<(long Keys, long Scan)> CommandCallsAsync()
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(TestSettings.RedisConfiguration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var info = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return (Calls(info, "cmdstat_keys"), Calls(info, "cmdstat_scan"));
    }

    private static long Calls(Dictionary<string, string> info, string name) =>
        info.TryGetValue(name, out var value) ? long.Parse(CallsPattern().Match(value).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"calls=(\d+)")]
    private static partial Regex CallsPattern();
}
