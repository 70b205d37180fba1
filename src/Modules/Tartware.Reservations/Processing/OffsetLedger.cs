using System.Data.Common;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Processing;

/// <summary>
/// <c>reservation_event_offsets</c>: the last offset each consumer group has applied or dead-lettered per
/// partition, written in the same transaction as the effect. It is the source of truth on assignment.
/// </summary>
internal static class OffsetLedger
{
    public static Task AdvanceAsync(DbTransaction tx, string group, string topic, int partition, long offset, CancellationToken ct) =>
        tx.Sql("""
            insert into reservations.reservation_event_offsets (consumer_group, topic, partition, "offset", applied_at) values ($1, $2, $3, $4, now())
            on conflict (consumer_group, topic, partition) do update
                set "offset" = greatest(reservation_event_offsets."offset", excluded."offset"), applied_at = now()
            """).Bind(group, topic, partition, offset).ExecAsync(ct);

    /// <summary>Last applied offset per partition of <paramref name="topic"/> for the group.</summary>
    public static async Task<Dictionary<int, long>> ReadAsync(IUnitOfWorkFactory units, string group, string topic, CancellationToken ct)
    {
        await using var unit = await units.BeginWithoutTenantAsync(ct);
        var rows = await unit.Sql("""select partition, "offset" from reservations.reservation_event_offsets where consumer_group = $1 and topic = $2""")
            .Bind(group, topic).RowsAsync(r => (r.GetInt32(0), r.GetInt64(1)), ct);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>Records the broker's high watermark per partition, so any process can report consumer lag.</summary>
    public static async Task ObserveAsync(IUnitOfWorkFactory units, string group, string topic, IReadOnlyList<(int Partition, long HighWatermark)> marks,
        CancellationToken ct)
    {
        await using var unit = await units.BeginWithoutTenantAsync(ct);
        foreach (var (partition, high) in marks)
        {
            await unit.Sql("""
                insert into reservations.reservation_event_offsets (consumer_group, topic, partition, "offset", applied_at, high_watermark, observed_at)
                values ($1, $2, $3, -1, now(), $4, now())
                on conflict (consumer_group, topic, partition) do update set high_watermark = excluded.high_watermark, observed_at = now()
                """).Bind(group, topic, partition, high).ExecAsync(ct);
        }

        await unit.CommitAsync(ct);
    }
}
