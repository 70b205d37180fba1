using System.CommandLine;
using System.Text.Json;
using Tartware.Messaging.Outbox;

namespace Tartware.Host.Cli;

/// <summary><c>tartware outbox requeue</c>: send FAILED or DLQ outbox rows again (audited).</summary>
internal static class OutboxCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var status = new Option<string>("--status") { Description = "FAILED or DLQ", Required = true };
        status.AcceptOnlyFromAmong("FAILED", "DLQ");
        var tenant = new Option<Guid?>("--tenant") { Description = "Only this tenant's rows" };
        var eventType = new Option<string?>("--event") { Description = "Only this event type, e.g. inventory.locked.v1" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only rows created at or after this instant (ISO 8601)" };
        var actor = new Option<string>("--actor") { Description = "Who requeues (recorded in messaging.operations_audit)", DefaultValueFactory = _ => Environment.UserName };
        var set = TartwareCli.SetOption();
        var requeue = new Command("requeue", "Put FAILED or DLQ outbox rows of every module back to PENDING with a fresh attempt budget; audited; prints what it did.")
        {
            status, tenant, eventType, since, actor, set,
        };
        requeue.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
            var result = await app.Services.GetRequiredService<IOutboxOperations>().RequeueAsync(new OutboxRequeue(
                parse.GetValue(status)!, parse.GetValue(tenant), parse.GetValue(eventType), parse.GetValue(since), parse.GetValue(actor)!), cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            return 0;
        });
        return new Command("outbox", "Outbox operations.") { requeue };
    }
}
