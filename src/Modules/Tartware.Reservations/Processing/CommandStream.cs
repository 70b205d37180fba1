namespace Tartware.Reservations.Processing;

/// <summary>
/// One command stream of the pipeline: its topic (key = aggregate id), the consumer group that applies
/// it, its dead-letter and fact topics, and the worker name the processor acts under. Reservation and
/// room commands are two streams over the same tables, processor, inbox, ledger and lifecycle.
/// </summary>
/// <param name="Name">reservations or rooms (metrics, logs, dead-letter event type).</param>
/// <param name="Aggregate">What the commands change (reservations.commands.aggregate).</param>
/// <param name="CommandTopic">Commands.</param>
/// <param name="ConsumerGroup">The processor's group.</param>
/// <param name="DlqTopic">Exhausted commands with their original bytes.</param>
/// <param name="FactTopic">Facts for downstream modules.</param>
/// <param name="Actor">Lifecycle actor and <c>app.worker</c> of the processor (dead letters' RLS policy names it).</param>
/// <param name="EventType">The envelope event type of its commands; anything else on its topic is a failure.</param>
internal sealed record CommandStream(string Name, string Aggregate, string CommandTopic, string ConsumerGroup, string DlqTopic, string FactTopic, string Actor,
    string EventType)
{
    public const string Reservation = "reservation";
    public const string Room = "room";

    public string DeadLetterType => Name + ".dead_letter.v1";
}
