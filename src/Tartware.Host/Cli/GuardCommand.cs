using System.CommandLine;
using System.Text.Json;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Host.Cli;

/// <summary><c>tartware guard rebuild</c>: recompute the availability ledger from the active locks (after a failover, or to audit it).</summary>
internal static class GuardCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var tenant = new Option<Guid>("--tenant") { Description = "Tenant whose ledger to rebuild", Required = true };
        var property = new Option<Guid?>("--property") { Description = "Only this property" };
        var verify = new Option<bool>("--verify") { Description = "Change nothing; report drift and exit 1 when there is any" };
        var set = TartwareCli.SetOption();
        var rebuild = new Command("rebuild", "Recompute nights (capacity from rooms, sold/held/blocked from active locks) and room assignments; prints a JSON report.")
        {
            tenant, property, verify, set,
        };
        rebuild.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
            try
            {
                var verifyOnly = parse.GetValue(verify);
                var report = await app.Services.GetRequiredService<IAvailabilityMaintenance>()
                    .RebuildAsync(parse.GetValue(tenant), parse.GetValue(property), verifyOnly, cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                return verifyOnly && (report.NightsDrifted > 0 || report.AssignmentsDrifted > 0) ? 1 : 0;
            }
            catch (TartwareProblemException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{ex.Code}: {ex.Message}");
                return 2;
            }
        });
        return new Command("guard", "Availability guard operations.") { rebuild };
    }
}
