using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Shouldly;
using Tartware.Bench.Scenarios;
using Xunit;

namespace Tartware.Bench.Tests;

/// <summary>
/// Short runs of the real harness against the PostgreSQL, Redis and dev broker that scripts/test.sh starts (their TARTWARE__*
/// settings are inherited by the <c>tartware serve</c> processes the bench spawns, on free loopback ports, killed when the run
/// ends). Small numbers and correctness only: the exit code (every invariant held) and the report's facts, never a timing.
/// Each run seeds its own tenant. The two runs are separate classes so xUnit runs them side by side (about a minute together).
/// </summary>
public sealed class ContentionSmokeTests
{
    [Fact]
    public async Task Contention_smoke_never_oversells_and_the_ledger_matches()
    {
        var (exit, report) = await SmokeRun.RunAsync("contention", o => o with { Rate = 60, Duration = TimeSpan.FromSeconds(3), Warmup = TimeSpan.Zero, MaxInFlight = 64 });

        exit.ShouldBe(0, SmokeRun.Failed(report));
        var contention = report.GetProperty("contention");
        contention.GetProperty("attempts").GetInt64().ShouldBe(180);
        contention.GetProperty("confirmed").GetInt64().ShouldBeGreaterThan(0);
        contention.GetProperty("rejected").GetInt64().ShouldBeGreaterThan(0, "180 attempts at 11 rooms (+1 oversell) for 7 nights must run out");
        SmokeRun.Invariant(report, "held ≤ capacity + oversell on every night").ShouldBeTrue();
    }
}

/// <summary>A short <c>write</c> run with one SIGKILL of the processor: nothing lost, nothing applied twice, the pipeline recovers.</summary>
public sealed class ProcessorKillSmokeTests
{
    [Fact]
    public async Task Processor_kill_smoke_loses_and_duplicates_nothing()
    {
        var (exit, report) = await SmokeRun.RunAsync("write", o => o with
        {
            Rate = 20,
            Duration = TimeSpan.FromSeconds(6),
            Warmup = TimeSpan.FromSeconds(1),
            MaxInFlight = 64,
            Properties = 1,
            Kill = "processor",
            KillEvery = TimeSpan.FromSeconds(4), // one kill: a second at the phase's end would only add a recovery to wait for
            DrainTimeout = TimeSpan.FromSeconds(60),
            // Its own consumer group: killing this processor must not rebalance the group of the reservation
            // tests' in-process processor on the same database (the inbox makes two groups safe: each event applies once).
            ServeSettings = [$"Reservations:ConsumerGroup=bench-smoke-{Guid.NewGuid():N}"],
        });

        exit.ShouldBe(0, SmokeRun.Failed(report));
        var kills = report.GetProperty("kills").EnumerateArray().ToList();
        kills.Count.ShouldBeGreaterThanOrEqualTo(1);
        foreach (var kill in kills)
        {
            kill.GetProperty("role").GetString().ShouldBe("processor");
            kill.TryGetProperty("pipelineRecoveryMs", out var recovery).ShouldBeTrue("commands flowed again after the kill");
            recovery.GetDouble().ShouldBeGreaterThan(0);
        }
        var pipeline = report.GetProperty("pipeline");
        pipeline.GetProperty("accepted").GetInt64().ShouldBe(120);
        (pipeline.GetProperty("applied").GetInt64() + pipeline.GetProperty("rejected").GetInt64()).ShouldBe(120);
        foreach (var name in (string[])["every 2xx command reached APPLIED or REJECTED", "no command applied twice", "grid sold nights equal the nights of active reservations",
            "outbox drained, no dead letters, nothing stalled", "every fault recovered"])
        {
            SmokeRun.Invariant(report, name).ShouldBeTrue(name);
        }
    }
}

/// <summary>Runs the harness in-process with smoke settings and returns its exit code and report.</summary>
internal static class SmokeRun
{
    static SmokeRun()
    {
        // Redis keys of their own for the platform processes and CLI calls a smoke run starts (they inherit this
        // environment): the other test hosts rebuild the shared username Bloom filter as they start, and a build
        // racing a smoke run's fresh owner made one CI login answer 401.
        Environment.SetEnvironmentVariable("TARTWARE__Redis__KeyPrefix", $"smoke-{Guid.NewGuid():N}"[..20] + ":");
    }

    public static async Task<(int Exit, JsonElement Report)> RunAsync(string scenario, Func<BenchOptions, BenchOptions> configure)
    {
        var root = RepoRoot();
        var output = Path.Combine(Path.GetTempPath(), $"tartware-bench-smoke-{scenario}-{Guid.NewGuid():N}");
        var keep = false;
        try
        {
            var options = configure(new BenchOptions
            {
                Scenario = scenario,
                Binary = TartwareBinary(root),
                ApiPort = FreePortBlock(BenchRunner.Roles(0).Count),
                OutputDirectory = output,
                Repo = root,
                PgBin = null, // no pgbench baseline or profile in a smoke run
                PgbenchSeconds = 0,
                CommandLine = $"smoke {scenario}",
            });
            // Generous: a correctness test must not fail because a shared machine is slow (a processor rejoin took 100 s under load 30).
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            var exit = await BenchRunner.RunAsync(options, timeout.Token);
            var path = Path.Combine(output, "report.json");
            File.Exists(path).ShouldBeTrue($"the run wrote no report (exit {exit}); logs in {output}/logs");
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            keep = exit != 0;
            return (exit, doc.RootElement.Clone());
        }
        catch
        {
            keep = true;
            throw;
        }
        finally
        {
            try
            {
                // A failed run keeps its report and the platform's logs for the one who reads the failure.
                if (keep)
                {
                    Console.Error.WriteLine($"bench smoke {scenario}: report and logs kept in {output}");
                }
                else
                {
                    Directory.Delete(output, recursive: true);
                }
            }
            catch (IOException)
            {
                // a log still being flushed by a dying process; the temp directory is the OS's to clean
            }
        }
    }

    public static bool Invariant(JsonElement report, string name) =>
        report.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name).GetProperty("passed").GetBoolean();

    public static string Failed(JsonElement report) => string.Join("; ", report.GetProperty("invariants").EnumerateArray()
        .Where(i => !i.GetProperty("passed").GetBoolean()).Select(i => $"{i.GetProperty("name").GetString()}: {i.GetProperty("detail").GetString()}"));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tartware.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tartware.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The tartware binary of the same configuration as this test assembly (scripts/test.sh builds the solution first).</summary>
    private static string TartwareBinary(string root)
    {
        // …/bin/<configuration>/net10.0/
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))) ?? "Release";
        var binary = Path.Combine(root, "src", "Tartware.Host", "bin", configuration, "net10.0", "tartware");
        File.Exists(binary).ShouldBeTrue($"{binary} is not built; run the tests through scripts/test.sh");
        return binary;
    }

    /// <summary>A base port with <paramref name="count"/> free consecutive loopback ports after it (the bench gives role i port base+i).</summary>
    private static int FreePortBlock(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            // Below Linux's ephemeral range (32768-60999): a port found free there can be taken by any outgoing connection (the
            // platform's own PostgreSQL pool) before the server binds it.
            var start = Random.Shared.Next(27000, 32700);
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, start + i);
                    listener.Start();
                    listeners.Add(listener);
                }

                return start;
            }
            catch (SocketException)
            {
                // taken; try another block
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException("no block of free loopback ports found");
    }
}
