using System.CommandLine;
using System.Text.Json;
using Tartware.Contracts.Reservations;

namespace Tartware.Host.Cli;

/// <summary><c>tartware dlq list|show|replay</c>: the reservation pipeline's dead letters.</summary>
internal static class DlqCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var set = TartwareCli.SetOption();
        var status = new Option<string>("--status") { Description = "PARKED (default), REPLAYED or DISCARDED", DefaultValueFactory = _ => "PARKED" };
        status.AcceptOnlyFromAmong("PARKED", "REPLAYED", "DISCARDED");
        var tenant = new Option<Guid?>("--tenant") { Description = "Only this tenant's dead letters" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-1000)", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Dead letters, newest first.") { status, tenant, limit, set };
        list.SetAction(async (parse, ct) =>
        {
            await using var app = Build(parse, set);
            var rows = await app.Services.GetRequiredService<IDeadLetterOperations>().ListAsync(parse.GetValue(status), parse.GetValue(tenant), parse.GetValue(limit), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(rows, Json));
            return 0;
        });

        var showId = new Argument<Guid>("id") { Description = "Dead letter id (from list)" };
        var show = new Command("show", "One dead letter: cause, attempts, where it was read, and the command as JSON (the form --patch applies to).") { showId, set };
        show.SetAction(async (parse, ct) =>
        {
            await using var app = Build(parse, set);
            var detail = await app.Services.GetRequiredService<IDeadLetterOperations>().ShowAsync(parse.GetValue(showId), ct);
            if (detail is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No dead letter {parse.GetValue(showId)}.");
                return 1;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(detail, Json));
            return 0;
        });

        var replayId = new Argument<Guid>("id") { Description = "Dead letter id (from list)" };
        var patch = new Option<FileInfo?>("--patch") { Description = "JSON merge patch (RFC 7386) applied to the command before it is sent again" };
        var actor = new Option<string>("--actor") { Description = "Who replays (recorded in messaging.operations_audit)", DefaultValueFactory = _ => Environment.UserName };
        var replay = new Command("replay", "Send a dead letter again (optionally patched); its lifecycle goes DLQ -> PUBLISHED; audited; prints what it did.")
        {
            replayId, patch, actor, set,
        };
        replay.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(patch);
            var patchJson = file is null ? null : await File.ReadAllTextAsync(file.FullName, ct);
            await using var app = Build(parse, set);
            try
            {
                var done = await app.Services.GetRequiredService<IDeadLetterOperations>().ReplayAsync(parse.GetValue(replayId), patchJson, parse.GetValue(actor)!, ct);
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(done, Json));
                return 0;
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message);
                return 1;
            }
        });

        var discardId = new Argument<Guid>("id") { Description = "Dead letter id (from list)" };
        var reason = new Option<string>("--reason") { Description = "Why it is closed without a replay (audited)", Required = true };
        var discardActor = new Option<string>("--actor") { Description = "Who discards (recorded in messaging.operations_audit)", DefaultValueFactory = _ => Environment.UserName };
        var discard = new Command("discard", "Close a parked dead letter without sending it (obsolete, unreadable, a duplicate); audited.")
        {
            discardId, reason, discardActor, set,
        };
        discard.SetAction(async (parse, ct) =>
        {
            await using var app = Build(parse, set);
            var done = await app.Services.GetRequiredService<IDeadLetterOperations>().DiscardAsync(parse.GetValue(discardId), parse.GetValue(reason)!,
                parse.GetValue(discardActor)!, ct);
            await (done ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error)
                .WriteLineAsync(done ? $"discarded {parse.GetValue(discardId)}" : $"No parked dead letter {parse.GetValue(discardId)}.");
            return done ? 0 : 1;
        });

        return new Command("dlq", "Dead letters of the reservation pipeline.") { list, show, replay, discard };
    }

    private static WebApplication Build(ParseResult parse, Option<string[]> set) =>
        TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
}
