namespace Tartware.Messaging.Outbox;

/// <summary>Settings of the outbox dispatcher (section <c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Messaging:Outbox";

    /// <summary>Rows claimed per batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Polling fallback; a NOTIFY wakes the dispatcher at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed row belongs to its dispatcher; after that another one reclaims it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a row is parked as DLQ.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>First retry delay.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for the broker to acknowledge a batch.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// A module's outbox table, e.g. <c>availability.outbox</c>, with the standard columns (docs/architecture.md §10):
/// tenant_id, id, seq (identity: insertion order), topic, message_key, event_type, payload (bytea: a serialized Envelope), priority, status,
/// attempts, next_attempt_at, lease_owner, lease_until, last_error, created_at, delivered_at; its RLS
/// policy admits <c>app.worker = 'outbox-dispatcher'</c>.
/// </summary>
/// <param name="Table">Schema-qualified table name (an identifier the module controls, never user input).</param>
public sealed record OutboxSource(string Table)
{
    /// <summary>The NOTIFY channel writers signal after inserting rows.</summary>
    public const string Channel = "tartware_outbox";

    /// <summary>The worker name the outbox RLS policies admit.</summary>
    public const string Worker = "outbox-dispatcher";
}
