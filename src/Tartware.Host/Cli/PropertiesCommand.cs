using System.CommandLine;
using System.Text.Json;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Host.Cli;

/// <summary><c>tartware properties setup --tenant ID</c>: the idempotent setup step for a tenant's existing properties.</summary>
internal static class PropertiesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var tenant = new Option<Guid>("--tenant") { Description = "Tenant id", Required = true };
        var set = TartwareCli.SetOption();
        var setup = new Command("setup",
            "Re-run the amenity seed and every setup participant (e.g. BAR/RACK) for each property and room type of a tenant; "
            + "prints {\"properties\", \"roomTypes\", \"amenityRowsChanged\"} as JSON. Safe to run again.")
        {
            tenant, set,
        };
        setup.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
            var tenantId = parse.GetValue(tenant);
            if (tenantId == Guid.Empty)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("validation-failed: --tenant must be a tenant id");
                return 2;
            }

            try
            {
                var report = await app.Services.GetRequiredService<IPropertySetupRunner>().RunAsync(tenantId, cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                return 0;
            }
            catch (TartwareProblemException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{ex.Code}: {ex.Message}");
                return ex.Status == 409 ? 3 : 2;
            }
        });
        return new Command("properties", "The hotel model (properties, room types, rooms).") { setup };
    }
}
