using Shouldly;
using Tartware.Messaging.Lifecycle;

namespace Tartware.Messaging.Tests;

public sealed class CommandLifecycleTests
{
    // The whole table, written out independently of the implementation: every pair not listed is refused.
    private static readonly HashSet<(CommandState, CommandState)> Expected =
    [
        (CommandState.Received, CommandState.Persisted),
        (CommandState.Received, CommandState.Rejected),
        (CommandState.Persisted, CommandState.Published),
        (CommandState.Published, CommandState.Published),
        (CommandState.Published, CommandState.Consumed),
        (CommandState.Consumed, CommandState.Published),
        (CommandState.Consumed, CommandState.Consumed),
        (CommandState.Consumed, CommandState.Applied),
        (CommandState.Consumed, CommandState.Rejected),
        (CommandState.Consumed, CommandState.Dlq),
        (CommandState.Dlq, CommandState.Published),
    ];

    [Fact]
    public void Every_pair_of_states_is_allowed_exactly_when_the_table_says_so()
    {
        foreach (var from in Enum.GetValues<CommandState>())
        {
            foreach (var to in Enum.GetValues<CommandState>())
            {
                CommandLifecycle.CanMove(from, to).ShouldBe(Expected.Contains((from, to)), $"{from} -> {to}");
            }
        }

        CommandLifecycle.Transitions.ToHashSet().SetEquals(Expected).ShouldBeTrue();
    }

    [Fact]
    public void Applied_and_rejected_are_terminal_and_nothing_skips_persistence()
    {
        Enum.GetValues<CommandState>().Where(CommandLifecycle.IsTerminal).ShouldBe([CommandState.Applied, CommandState.Rejected], ignoreOrder: true);
        CommandLifecycle.CanMove(CommandState.Received, CommandState.Published).ShouldBeFalse();
        CommandLifecycle.CanMove(CommandState.Persisted, CommandState.Applied).ShouldBeFalse();
        CommandLifecycle.CanMove(CommandState.Applied, CommandState.Consumed).ShouldBeFalse();
    }

    [Fact]
    public void Wire_names_are_the_upper_case_states()
    {
        Enum.GetValues<CommandState>().Select(CommandLifecycle.Name)
            .ShouldBe(["RECEIVED", "PERSISTED", "PUBLISHED", "CONSUMED", "APPLIED", "REJECTED", "DLQ"]);
    }
}
