using System.CommandLine;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Configuration;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Migrations;

namespace Tartware.Host.Cli;

/// <summary><c>tartware migrate [--dry-run]</c>: apply every module's pending SQL as the owner role.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be applied, change nothing" };
        var set = TartwareCli.SetOption();
        var command = new Command("migrate", "Apply pending database migrations (needs Database:MigrationConnectionString).") { dryRun, set };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var settings = new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)));
            await using var app = TartwareApp.CreateBuilder(settings).Build();
            var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (string.IsNullOrWhiteSpace(database.MigrationConnectionString))
            {
                await error.WriteLineAsync(
                    $"Configuration error: {OptionsValidation.DescribeKey("Database:MigrationConnectionString")} is required to migrate (the owner role).");
                return 2;
            }

            var modules = app.Services.GetServices<ModuleMigrations>().ToList();
            var runner = new MigrationRunner(database.MigrationConnectionString, database.AppRole);
            try
            {
                var outcomes = await runner.RunAsync(modules, parse.GetValue(dryRun), cancellationToken);
                await ReportAsync(output, outcomes, parse.GetValue(dryRun));
                return 0;
            }
            catch (MigrationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task ReportAsync(TextWriter output, IReadOnlyList<MigrationOutcome> outcomes, bool dryRun)
    {
        foreach (var outcome in outcomes.Where(o => o.Action != MigrationAction.AlreadyApplied))
        {
            await output.WriteLineAsync(outcome.Action == MigrationAction.Pending
                ? $"pending  {outcome.Script}"
                : $"applied  {outcome.Script} ({outcome.Duration.TotalMilliseconds:0} ms)");
        }

        var done = outcomes.Count(o => o.Action == MigrationAction.AlreadyApplied);
        var changed = outcomes.Count - done;
        await output.WriteLineAsync(dryRun
            ? $"dry run: {changed} pending, {done} already applied"
            : $"{changed} applied, {done} already applied");
    }
}
