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
        var wait = RequestedWait(http.Request.Headers["Prefer"].ToString());
        if (wait is not { } seconds || seconds <= 0)
        {
            return TypedResults.Accepted(accepted.LifecycleUrl, accepted);
        }

        seconds = Math.Min(seconds, options.Value.MaxWaitSeconds);
        http.Response.Headers["Preference-Applied"] = string.Create(CultureInfo.InvariantCulture, $"wait={seconds}");
        var deadline = time.GetUtcNow().AddSeconds(seconds);
        while (true)
        {
            using var registration = signals.Register(accepted.CommandId);
            var (state, code, detail) = await StateAsync(accepted.CommandId, ct);
            if (state == CommandState.Applied)
            {
                await using var unit = await units.BeginAsync(caller.TenantId, ct);
                var reservation = ReservationQueries.ToResponse(await commands.CurrentAsync(unit.Transaction, accepted.ReservationId, ct));
                return accepted.Kind == "CREATE" ? TypedResults.Created($"/v1/reservations/{accepted.ReservationId}", reservation) : TypedResults.Ok(reservation);
            }

            if (state == CommandState.Rejected)
            {
                throw Rejection(code ?? Rejections.InvalidTransition, detail ?? "The command was rejected.", accepted);
            }

            var remaining = deadline - time.GetUtcNow();
            if (state == CommandState.Dlq || remaining <= TimeSpan.Zero)
            {
                return TypedResults.Accepted(accepted.LifecycleUrl, accepted with { State = CommandLifecycle.Name(state) });
            }

            await signals.WaitAsync(registration, remaining, ct);
        }
    }

    private async Task<(CommandState State, string? Code, string? Detail)> StateAsync(Guid commandId, CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        var rows = await unit.Sql("select state, rejection_code, rejection_detail from reservations.commands where id = $1").Bind(commandId)
            .RowsAsync(r => (LifecycleStore.Parse(r.GetString(0)), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), ct);
        return rows.Single();
    }

    private static TartwareProblemException Rejection(string code, string detail, CommandAccepted accepted)
    {
        TartwareProblemException problem = Rejections.Status(code) switch
        {
            422 => new BusinessRuleException(detail, code),
            404 => new NotFoundException("reservation", accepted.ReservationId.ToString()),
            _ => new ConflictException(detail, code),
        };
        problem.Extensions["reservationId"] = accepted.ReservationId;
        problem.Extensions["commandId"] = accepted.CommandId;
        problem.Extensions["lifecycleUrl"] = accepted.LifecycleUrl;
        return problem;
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
