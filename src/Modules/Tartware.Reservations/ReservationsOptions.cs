using System.Globalization;
using Tartware.Reservations.Processing;

namespace Tartware.Reservations;

/// <summary>Settings of the reservation pipeline (section <c>Reservations</c>).</summary>
internal sealed class ReservationsOptions
{
    public const string Section = "Reservations";

    /// <summary>Commands, key = reservation id.</summary>
    public string CommandTopic { get; set; } = "reservations.events";

    /// <summary>Facts for downstream modules.</summary>
    public string FactTopic { get; set; } = "reservations.applied";

    /// <summary>Where exhausted commands go, with their original bytes (plan env <c>RESERVATION_DLQ_TOPIC</c>).</summary>
    public string DlqTopic { get; set; } = "reservations.events.dlq";

    /// <summary>Consumer group of role <c>processor</c>.</summary>
    public string ConsumerGroup { get; set; } = "tartware-reservations-processor";

    /// <summary>Room commands, key = room id.</summary>
    public string RoomCommandTopic { get; set; } = "rooms.commands";

    /// <summary>Facts of applied room commands.</summary>
    public string RoomFactTopic { get; set; } = "rooms.applied";

    /// <summary>Where exhausted room commands go.</summary>
    public string RoomDlqTopic { get; set; } = "rooms.commands.dlq";

    /// <summary>Consumer group of the rooms processor (role <c>processor</c>).</summary>
    public string RoomConsumerGroup { get; set; } = "tartware-rooms-processor";

    /// <summary>The reservation command stream as configured.</summary>
    public CommandStream ReservationStream => new("reservations", CommandStream.Reservation, CommandTopic, ConsumerGroup, DlqTopic, FactTopic, "reservation-processor",
        Commands.CommandKinds.EventType);

    /// <summary>The room command stream as configured.</summary>
    public CommandStream RoomStream => new("rooms", CommandStream.Room, RoomCommandTopic, RoomConsumerGroup, RoomDlqTopic, RoomFactTopic, "rooms-processor",
        Commands.RoomCommandKinds.EventType);

    /// <summary>Both streams.</summary>
    public IReadOnlyList<CommandStream> Streams => [ReservationStream, RoomStream];

    /// <summary>Partitions applied at once per stream (each partition stays in order).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Immediate retries of a transient failure, jittered (plan env <c>KAFKA_MAX_RETRIES</c>).</summary>
    public int QuickRetries { get; set; } = 3;

    /// <summary>Base delay of the quick retries (plan env <c>KAFKA_RETRY_BACKOFF_MS</c>).</summary>
    public TimeSpan QuickRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Scheduled retries after the quick ones; then the dead-letter topic.</summary>
    public IList<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>librdkafka <c>fetch.max.bytes</c> of the processor (plan env <c>KAFKA_MAX_BATCH_BYTES</c>); null keeps the default.</summary>
    public int? MaxBatchBytes { get; set; }

    /// <summary>Longest <c>Prefer: wait</c> honoured, in seconds.</summary>
    public int MaxWaitSeconds { get; set; } = 30;

    /// <summary>A command PERSISTED or PUBLISHED for longer than this is stalled.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the auditor looks for stalled commands.</summary>
    public TimeSpan AuditInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Re-drives of one command after which the auditor alerts instead of trying again.</summary>
    public int MaxRedrives { get; set; } = 3;

    /// <summary>The schedule actually used: configured, else 1 s / 5 s / 30 s.</summary>
    public IReadOnlyList<TimeSpan> EffectiveSchedule =>
        RetrySchedule.Count > 0 ? [.. RetrySchedule] : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>The earlier Node.js platform's environment names, applied before configuration (so a <c>Reservations</c> key beats them).</summary>
    public void ApplyPlanEnvironment(Func<string, string?> env)
    {
        if (int.TryParse(env("KAFKA_MAX_RETRIES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries) && retries >= 0)
        {
            QuickRetries = retries;
        }

        if (int.TryParse(env("KAFKA_RETRY_BACKOFF_MS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var backoff) && backoff >= 0)
        {
            QuickRetryDelay = TimeSpan.FromMilliseconds(backoff);
        }

        if (int.TryParse(env("KAFKA_MAX_BATCH_BYTES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
        {
            MaxBatchBytes = bytes;
        }

        if (env("RESERVATION_DLQ_TOPIC") is { Length: > 0 } topic)
        {
            DlqTopic = topic;
        }
    }
}
