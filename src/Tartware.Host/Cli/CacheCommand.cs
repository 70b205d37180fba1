using System.CommandLine;
using System.Text.Json;
using Tartware.Contracts.Identity;

namespace Tartware.Host.Cli;

/// <summary><c>tartware cache rebuild</c>: rebuild the username Bloom filter now (the jobs role also does it at start and daily).</summary>
internal static class CacheCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var set = TartwareCli.SetOption();
        var rebuild = new Command("rebuild", "Rebuild the username Bloom filter from the users table and swap it in atomically; prints the result as JSON.")
        {
            set,
        };
        rebuild.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
            try
            {
                var result = await app.Services.GetRequiredService<IIdentityMaintenance>().RebuildUsernameFilterAsync(cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or StackExchange.Redis.RedisException or Npgsql.NpgsqlException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"cache rebuild failed: {ex.GetType().Name}: {ex.Message}");
                return 1;
            }
        });
        return new Command("cache", "Cache and Bloom filter maintenance.") { rebuild };
    }
}
