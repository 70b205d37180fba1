using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary>How long DELIVERED rows are kept before the janitor deletes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the janitor looks for delivered rows past their retention.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows per second one tenant may publish through one dispatcher before it is throttled (with jitter).</summary>
    public double TenantRatePerSecond { get; set; } = 1_000;

    /// <summary>Rows a quiet tenant may publish at once before the rate applies.</summary>
    public int TenantBurst { get; set; } = 500;

    /// <summary>Longest wait for the broker to acknowledge a batch.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Fault injection for the pipeline's crash tests: the process SIGKILLs itself after this many batches
    /// were acknowledged by the broker and before they are marked DELIVERED — the one window in which a
    /// dispatcher crash duplicates messages. Null (the default) disables it; refused in Production.
    /// </summary>
    public int? KillAfterPublishedBatches { get; set; }
}

/// <summary>Refuses the fault-injection setting in Production.</summary>
internal sealed class OutboxOptionsValidator(IHostEnvironment environment) : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
        options.KillAfterPublishedBatches is not null && environment.IsProduction()
            ? ValidateOptionsResult.Fail(
                "Messaging:Outbox:KillAfterPublishedBatches is fault injection for tests and is refused in Production.")
            : ValidateOptionsResult.Success;
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
