using System.CommandLine;
using System.Text.Json;
using Tartware.Contracts.Rates;
using Tartware.Contracts.Reservations;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Host.Cli;

/// <summary><c>tartware rates rerate</c>: re-quote the stays behind recorded fallback decisions once a partner fixed its data.</summary>
internal static class RatesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var tenant = new Option<Guid>("--tenant") { Description = "Tenant id", Required = true };
        var property = new Option<Guid>("--property") { Description = "Property id", Required = true };
        var from = new Option<DateOnly>("--from") { Description = "First decision date (UTC, yyyy-MM-dd)", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last decision date (UTC, yyyy-MM-dd, inclusive)", Required = true };
        var partner = new Option<string?>("--partner") { Description = "Only this partner's decisions (e.g. BOOKING_COM)" };
        var reason = new Option<string?>("--reason") { Description = "Only decisions with this reason (e.g. PLAN_NOT_FOUND)" };
        var set = TartwareCli.SetOption();
        var rerate = new Command("rerate",
            "Re-quote every recorded fallback decision of a window and record the outcomes (one run), then send a MODIFY command to each confirmed reservation those decisions priced whose quote changed; prints both summaries as JSON. "
            + "Exit 2 on bad input or an unknown property.")
        {
            tenant, property, from, to, partner, reason, set,
        };
        rerate.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(tenant) == Guid.Empty || parse.GetValue(property) == Guid.Empty)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("validation-failed: --tenant and --property must be ids");
                return 2;
            }

            await using var app = TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
            try
            {
                var actor = "cli:" + Environment.UserName;
                var summary = await app.Services.GetRequiredService<IRateReRating>().ReRateAsync(parse.GetValue(tenant),
                    new ReRateRequest(parse.GetValue(property), parse.GetValue(from), parse.GetValue(to), parse.GetValue(partner), parse.GetValue(reason)),
                    actor, cancellationToken);
                // Then the reservations those decisions priced: a MODIFY command each where the new quote differs.
                var reservations = await app.Services.GetRequiredService<IReservationReRating>().ReRateAsync(parse.GetValue(tenant), summary, actor, cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new { decisions = summary, reservations }, Json));
                return 0;
            }
            catch (TartwareProblemException ex)
            {
                var details = ex is ValidationFailedException v
                    ? ": " + string.Join("; ", v.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"))
                    : "";
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{ex.Code}: {ex.Message}{details}");
                return ex.Status == 409 ? 3 : 2;
            }
        });
        return new Command("rates", "Rate plans and the BAR/RACK fallback.") { rerate };
    }
}
