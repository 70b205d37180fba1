using System.CommandLine;
using Tartware.Bench.Scenarios;

namespace Tartware.Bench.Cli;

/// <summary><c>Tartware.Bench &lt;scenario&gt; [options]</c>; <c>scripts/bench.sh</c> fills in the infrastructure flags.</summary>
internal static class BenchCommand
{
    public static RootCommand Create(string[] args)
    {
        var scenario = new Argument<string>("scenario") { Description = string.Join("|", ScenarioCatalog.Names) };
        var rate = new Option<double?>("--rate") { Description = "Arrivals per second (max: the first step)" };
        var duration = new Option<string?>("--duration") { Description = "Length of the load, e.g. 30s" };
        var warmup = new Option<string?>("--warmup") { Description = "Discarded start of the load, e.g. 5s" };
        var ramp = new Option<string>("--ramp") { Description = "Linear ramp from 0 to the rate", DefaultValueFactory = _ => "0s" };
        var inFlight = new Option<int>("--max-in-flight") { Description = "Outstanding requests; beyond it sends count as overflow errors", DefaultValueFactory = _ => 256 };
        var kill = new Option<string?>("--kill") { Description = "Role to SIGKILL on schedule: " + string.Join(", ", ScenarioCatalog.KillableRoles) };
        var every = new Option<string>("--every") { Description = "Kill interval (and when a broker outage starts)", DefaultValueFactory = _ => "20s" };
        var outage = new Option<string?>("--broker-outage") { Description = "Stop the dev broker (SIGSTOP) for this long, --every into the load, then SIGCONT" };
        var brokerPid = new Option<int?>("--broker-pid") { Description = "Process id of the dev broker (scripts/bench.sh passes it)" };
        var properties = new Option<int>("--properties") { Description = "write/mixed/max: properties to seed, four room types each", DefaultValueFactory = _ => 4 };
        var lifecycleEvery = new Option<int?>("--lifecycle-every") { Description = "write/mixed/max: read the lifecycle of every k-th create (default: ~10,000 reads)" };
        var drain = new Option<string>("--drain-timeout") { Description = "write/mixed/max: longest wait for every command to finish after the load", DefaultValueFactory = _ => "3m" };
        var mix = new Option<string>("--mix") { Description = "max: workload to step up, write or read", DefaultValueFactory = _ => "write" };
        var binary = new Option<string>("--tartware") { Description = "Path of the tartware binary", Required = true };
        var port = new Option<int>("--api-port") { Description = "Port of the api process (guard on the next one)", DefaultValueFactory = _ => 38080 };
        var output = new Option<string>("--out") { Description = "Report directory", Required = true };
        var repo = new Option<string>("--repo") { Description = "Repository root (git revision)", DefaultValueFactory = _ => "." };
        var pgBin = new Option<string?>("--pg-bin") { Description = "PostgreSQL bin directory (psql, pgbench); PG* variables say where the server is" };
        var pgbenchSeconds = new Option<int>("--pgbench-seconds") { Description = "pgbench baseline length (0 skips it)", DefaultValueFactory = _ => 15 };
        var pgbenchClients = new Option<int?>("--pgbench-clients") { Description = "pgbench clients (default: min(max-in-flight, 32))" };
        var p99 = new Option<double>("--p99-bound") { Description = "max: p99 bound in ms", DefaultValueFactory = _ => 25 };
        var step = new Option<string>("--step") { Description = "max: duration of a step", DefaultValueFactory = _ => "8s" };
        var steps = new Option<int>("--max-steps") { Description = "max: most steps", DefaultValueFactory = _ => 7 };
        var root = new RootCommand("Tartware benchmark and fault harness: open-loop load, HDR latency, invariants under kills.")
        {
            scenario, rate, duration, warmup, ramp, inFlight, kill, every, outage, brokerPid, properties, lifecycleEvery, drain, mix, binary, port, output, repo, pgBin,
            pgbenchSeconds, pgbenchClients, p99, step, steps,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BenchOptions
            {
                Scenario = parse.GetValue(scenario)!,
                Rate = parse.GetValue(rate),
                Duration = parse.GetValue(duration) is { } d ? Durations.Parse(d) : null,
                Warmup = parse.GetValue(warmup) is { } w ? Durations.Parse(w) : null,
                Ramp = Durations.Parse(parse.GetValue(ramp)!),
                MaxInFlight = parse.GetValue(inFlight),
                Kill = parse.GetValue(kill),
                KillEvery = Durations.Parse(parse.GetValue(every)!),
                BrokerOutage = parse.GetValue(outage) is { } o ? Durations.Parse(o) : null,
                BrokerPid = parse.GetValue(brokerPid),
                Properties = parse.GetValue(properties),
                LifecycleEvery = parse.GetValue(lifecycleEvery),
                DrainTimeout = Durations.Parse(parse.GetValue(drain)!),
                MaxMix = parse.GetValue(mix)!,
                Binary = parse.GetValue(binary)!,
                ApiPort = parse.GetValue(port),
                OutputDirectory = parse.GetValue(output)!,
                Repo = parse.GetValue(repo)!,
                PgBin = parse.GetValue(pgBin),
                PgbenchSeconds = parse.GetValue(pgbenchSeconds),
                PgbenchClients = parse.GetValue(pgbenchClients),
                P99BoundMs = parse.GetValue(p99),
                StepDuration = Durations.Parse(parse.GetValue(step)!),
                MaxSteps = parse.GetValue(steps),
                CommandLine = "scripts/bench.sh " + string.Join(' ', args.TakeWhile(a => a is not ("--tartware" or "--broker-pid"))),
            };
            if (!Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive)
            {
                // Logs and pipes: one progress line per update instead of a table wrapped at 80 columns.
                Spectre.Console.AnsiConsole.Profile.Width = 160;
            }

            try
            {
                return await BenchRunner.RunAsync(options, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or FormatException)
            {
                await Console.Error.WriteLineAsync($"bench failed: {ex.Message}");
                return 3;
            }
        });
        return root;
    }
}
