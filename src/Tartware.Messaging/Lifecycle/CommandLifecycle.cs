namespace Tartware.Messaging.Lifecycle;

/// <summary>States of an accepted command on its way through the pipeline (docs/architecture.md §5, plan 0.6).</summary>
public enum CommandState
{
    /// <summary>Seen by the API, not yet durable.</summary>
    Received,

    /// <summary>Committed with its idempotency row and outbox row: the 2xx may leave.</summary>
    Persisted,

    /// <summary>Acknowledged by the broker.</summary>
    Published,

    /// <summary>Read by the processor.</summary>
    Consumed,

    /// <summary>Its effect is committed (terminal).</summary>
    Applied,

    /// <summary>Refused by a business rule, with a reason (terminal, never retried).</summary>
    Rejected,

    /// <summary>Parked after its retries were exhausted; a replay may move it on.</summary>
    Dlq,
}

/// <summary>
/// The lifecycle guard rail: the only transitions a command may take. Anything else is a bug or a
/// replay arriving late, and is refused rather than recorded. Re-drives are explicit: a stalled
/// PUBLISHED/CONSUMED command may be PUBLISHED again (the auditor re-sends it from the outbox), and a
/// DLQ'd command may be PUBLISHED again by <c>tartware dlq replay</c>.
/// </summary>
public static class CommandLifecycle
{
    private static readonly Dictionary<CommandState, CommandState[]> Allowed = new()
    {
        [CommandState.Received] = [CommandState.Persisted, CommandState.Rejected],
        [CommandState.Persisted] = [CommandState.Published],
        [CommandState.Published] = [CommandState.Published, CommandState.Consumed],
        [CommandState.Consumed] = [CommandState.Published, CommandState.Consumed, CommandState.Applied, CommandState.Rejected, CommandState.Dlq],
        [CommandState.Applied] = [],
        [CommandState.Rejected] = [],
        [CommandState.Dlq] = [CommandState.Published],
    };

    /// <summary>Whether <paramref name="from"/> → <paramref name="to"/> is allowed.</summary>
    public static bool CanMove(CommandState from, CommandState to) => Allowed[from].Contains(to);

    /// <summary>True for states a command never leaves.</summary>
    public static bool IsTerminal(CommandState state) => Allowed[state].Length == 0;

    /// <summary>Every allowed transition (for docs and the table test).</summary>
    public static IEnumerable<(CommandState From, CommandState To)> Transitions =>
        Allowed.SelectMany(kv => kv.Value.Select(to => (kv.Key, to)));

    /// <summary>The state's wire name (RECEIVED, PERSISTED, ..., DLQ).</summary>
    public static string Name(CommandState state) => state.ToString().ToUpperInvariant();
}
