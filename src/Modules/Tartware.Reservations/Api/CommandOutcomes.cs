using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tartware.Messaging.Lifecycle;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Reservations.Api;

/// <summary>Where a command stands: its state, the rejection when rejected, and what applying it decided (room commands).</summary>
internal sealed record CommandDecision(CommandState State, string? Code, string? Detail, string? Result);

/// <summary>
/// Turns an accepted command into the HTTP answer: 202 at once, or with <c>Prefer: wait=N</c> the
/// terminal outcome within N seconds (201/200 with the reservation, 409/422 problem for a rejection),
/// else still 202. Waiting rests on <see cref="CommandSignals"/>, never on a polling loop.
/// </summary>
internal sealed partial class CommandOutcomes(IUnitOfWorkFactory units, RequestContext caller, CommandSignals signals, ReservationCommands commands,
    IOptions<ReservationsOptions> options, TimeProvider time)
{
    public async Task<IResult> AnswerAsync(HttpContext http, CommandAccepted accepted, CancellationToken ct)
    {
        var decision = await AwaitAsync(http, accepted.CommandId, ct);
        if (decision?.State == CommandState.Applied)
        {
            await using var unit = await units.BeginAsync(caller.TenantId, ct);
            var reservation = ReservationQueries.ToResponse(await commands.CurrentAsync(unit.Transaction, accepted.ReservationId, ct));
            return accepted.Kind == "CREATE" ? TypedResults.Created($"/v1/reservations/{accepted.ReservationId}", reservation) : TypedResults.Ok(reservation);
        }

        if (decision?.State == CommandState.Rejected)
        {
            throw Rejection(decision, "reservation", accepted.ReservationId, accepted.CommandId, accepted.LifecycleUrl, "reservationId");
        }

        return TypedResults.Accepted(accepted.LifecycleUrl, decision is null ? accepted : accepted with { State = CommandLifecycle.Name(decision.State) });
    }

    /// <summary>
    /// With <c>Prefer: wait=N</c>, waits up to N seconds (capped) for the command to be decided or parked and returns where it
    /// stands then; without it, null at once. Each round registers for the command's NOTIFY before it reads the state, so a
    /// decision that lands between the read and the wait still wakes it.
    /// </summary>
    public async Task<CommandDecision?> AwaitAsync(HttpContext http, Guid commandId, CancellationToken ct)
    {
        var wait = RequestedWait(http.Request.Headers["Prefer"].ToString());
        if (wait is not { } seconds || seconds <= 0)
        {
            return null;
        }

        seconds = Math.Min(seconds, options.Value.MaxWaitSeconds);
        http.Response.Headers["Preference-Applied"] = string.Create(CultureInfo.InvariantCulture, $"wait={seconds}");
        var deadline = time.GetUtcNow().AddSeconds(seconds);
        while (true)
        {
            using var registration = signals.Register(commandId);
            var decision = await StateAsync(commandId, ct);
            var remaining = deadline - time.GetUtcNow();
            if (CommandLifecycle.IsTerminal(decision.State) || decision.State == CommandState.Dlq || remaining <= TimeSpan.Zero)
            {
                return decision;
            }

            await signals.WaitAsync(registration, remaining, ct);
        }
    }

    /// <summary>A rejection as the problem a waiting client gets: 404, 422 or 409 by code, with the ids to follow up.</summary>
    public static TartwareProblemException Rejection(CommandDecision decision, string resource, Guid aggregateId, Guid commandId, string lifecycleUrl,
        string idName)
    {
        var code = decision.Code ?? Rejections.InvalidTransition;
        var detail = decision.Detail ?? "The command was rejected.";
        TartwareProblemException problem = Rejections.Status(code) switch
        {
            422 => new BusinessRuleException(detail, code),
            404 => new NotFoundException(resource, aggregateId.ToString()),
            _ => new ConflictException(detail, code),
        };
        problem.Extensions[idName] = aggregateId;
        problem.Extensions["commandId"] = commandId;
        problem.Extensions["lifecycleUrl"] = lifecycleUrl;
        return problem;
    }

    private async Task<CommandDecision> StateAsync(Guid commandId, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var rows = await unit.Sql("select state, rejection_code, rejection_detail, result::text from reservations.commands where id = $1").Bind(commandId)
            .RowsAsync(r => new CommandDecision(LifecycleStore.Parse(r.GetString(0)), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3)), ct);
        return rows.Single();
    }

    /// <summary>The N of <c>Prefer: wait=N</c> (RFC 7240), null when absent or malformed.</summary>
    internal static int? RequestedWait(string prefer)
    {
        var match = WaitPattern().Match(prefer);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"(?:^|[,;\s])wait\s*=\s*""?(\d{1,6})""?", RegexOptions.IgnoreCase)]
    private static partial Regex WaitPattern();
}
