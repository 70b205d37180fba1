using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Messaging.Lifecycle;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Processing;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Hosting;

namespace Tartware.Reservations.Lifecycle;

/// <summary>
/// Plan 0.6's auditor (role <c>processor</c>): commands PERSISTED or PUBLISHED for longer than
/// <see cref="ReservationsOptions.StalledAfter"/> are re-driven from the outbox — their row is made due
/// again and sent anew, which is safe because the processor's inbox drops a second copy. That also
/// recovers events lost with a non-durable broker. After <see cref="ReservationsOptions.MaxRedrives"/>
/// re-drives the command is reported (error log, <c>reservation_command_stalled_alerts_total</c>) instead.
/// </summary>
internal sealed partial class StalledCommandAuditor(
    IUnitOfWorkFactory units, IOptions<ReservationsOptions> options, ProcessorMetrics metrics, TimeProvider time, ILogger<StalledCommandAuditor> logger)
    : PeriodicWorker(time, logger)
{
    public const string Worker = "command-auditor";

    protected override TimeSpan Interval => options.Value.AuditInterval;

    protected override async Task<bool> TickAsync(CancellationToken cancellationToken) => await AuditOnceAsync(cancellationToken) == 100;

    /// <summary>One pass; returns how many stalled commands it looked at.</summary>
    internal async Task<int> AuditOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        List<(Guid Tenant, Guid Command, string State, int Redrives, string Aggregate)> stalled;
        await using (var scan = await units.BeginWithoutTenantAsync(ct))
        {
            await scan.Sql("select set_config('app.worker', $1, true)").Bind(Worker).ExecAsync(ct);
            stalled = await scan.Sql("""
                select tenant_id, id, state, redrives, aggregate from reservations.commands
                where state in ('PERSISTED', 'PUBLISHED') and updated_at < $1 order by updated_at limit 100
                """).Bind(Time.GetUtcNow() - settings.StalledAfter).RowsAsync(r => (r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), r.GetString(4)), ct);
        }

        var threshold = Time.GetUtcNow() - settings.StalledAfter;
        // A PUBLISHED command waits for the processor. While the processor is behind but applying (lag on a
        // partition that moved within the stall window), re-sending would only lengthen the queue it waits in.
        // Each stream has its own processor, so each is judged on its own ledger.
        var busy = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var progress = await units.BeginWithoutTenantAsync(ct))
        {
            foreach (var stream in settings.Streams)
            {
                busy[stream.Aggregate] = await progress.Sql("""
                    select coalesce(bool_or(coalesce(high_watermark, 0) - 1 > "offset" and applied_at > $3), false)
                    from reservations.reservation_event_offsets where consumer_group = $1 and topic = $2
                    """).Bind(stream.ConsumerGroup, stream.CommandTopic, threshold).ScalarAsync<bool>(ct);
            }
        }

        foreach (var (tenant, command, state, redrives, aggregate) in stalled)
        {
            if (busy.GetValueOrDefault(aggregate) && state == CommandLifecycle.Name(CommandState.Published))
            {
                continue;
            }

            await using var unit = await units.BeginAsync(tenant, ct);
            // Claims this stall window for this auditor: another processor replica that read the same row
            // finds it touched and leaves it, so a command is re-driven once per window, not once per replica.
            var claimed = await unit.Sql("""
                update reservations.commands set updated_at = now(), redrives = redrives + case when redrives < $4 then 1 else 0 end
                where id = $1 and state = $2 and updated_at < $3
                """).Bind(command, state, threshold, settings.MaxRedrives).ExecAsync(ct);
            if (claimed == 0)
            {
                continue;
            }

            if (redrives >= settings.MaxRedrives)
            {
                await unit.CommitAsync(ct);
                metrics.StalledAlert();
                LogStuck(tenant, command, state, redrives);
                continue;
            }

            var touched = await unit.Sql("""
                update reservations.outbox o set status = 'PENDING', next_attempt_at = now(), lease_owner = null, lease_until = null
                from reservations.commands c where c.id = $1 and c.state = $2 and o.tenant_id = c.tenant_id and o.id = c.outbox_id and o.status <> 'IN_PROGRESS'
                """).Bind(command, state).ExecAsync(ct);
            if (state == CommandLifecycle.Name(CommandState.Published))
            {
                await LifecycleStore.MoveAsync(unit.Transaction, tenant, command, CommandState.Published, Worker,
                    $"re-driven from the outbox (stalled for more than {settings.StalledAfter.TotalSeconds:0} s)", ct);
            }

            await unit.Sql("select pg_notify($1, 'reservations.outbox')").Bind(OutboxSource.Channel).ExecAsync(ct);
            await unit.CommitAsync(ct);
            metrics.Redriven();
            LogRedriven(tenant, command, state, touched == 1);
        }

        return stalled.Count;
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "Command {CommandId} of tenant {TenantId} stalled in {State}; re-driven from the outbox (row reset: {Reset})")]
    private partial void LogRedriven(Guid tenantId, Guid commandId, string state, bool reset);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Error, Message = "Command {CommandId} of tenant {TenantId} is still {State} after {Redrives} re-drives: see docs/runbooks/stuck-commands.md")]
    private partial void LogStuck(Guid tenantId, Guid commandId, string state, int redrives);
}
