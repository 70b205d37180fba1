using Shouldly;
using Tartware.Contracts.Reservations.V1;
using Tartware.Messaging.Processing;
using Tartware.Reservations.Api;
using Tartware.Reservations.Operations;
using Xunit;

namespace Tartware.Reservations.Tests;

public sealed class PipelineRulesTests
{
    [Fact]
    public void The_retry_policy_retries_quickly_with_bounded_jitter_then_follows_its_schedule_then_gives_up()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(100), [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)]);
        policy.MaxAttempts.ShouldBe(7);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            policy.DelayAfter(attempt, 0).ShouldBe(TimeSpan.Zero);
            policy.DelayAfter(attempt, 0.999999)!.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100 * attempt));
            policy.DelayAfter(attempt, 0.5)!.Value.ShouldBe(TimeSpan.FromMilliseconds(50 * attempt));
        }

        policy.DelayAfter(4, 0.3).ShouldBe(TimeSpan.FromSeconds(1));
        policy.DelayAfter(5, 0.3).ShouldBe(TimeSpan.FromSeconds(5));
        policy.DelayAfter(6, 0.3).ShouldBe(TimeSpan.FromSeconds(30));
        policy.DelayAfter(7, 0.3).ShouldBeNull("the seventh failure goes to the dead-letter topic");
        Should.Throw<ArgumentOutOfRangeException>(() => policy.DelayAfter(0, 0));
        new RetryPolicy(0, TimeSpan.Zero, []).DelayAfter(1, 0.5).ShouldBeNull();
    }

    [Fact]
    public void The_plan_environment_names_override_configuration()
    {
        var options = new ReservationsOptions();
        var env = new Dictionary<string, string?>
        {
            ["KAFKA_MAX_RETRIES"] = "5",
            ["KAFKA_RETRY_BACKOFF_MS"] = "250",
            ["KAFKA_MAX_BATCH_BYTES"] = "1048576",
            ["RESERVATION_DLQ_TOPIC"] = "dlq.custom",
        };
        options.ApplyPlanEnvironment(name => env.GetValueOrDefault(name));
        (options.QuickRetries, options.QuickRetryDelay, options.MaxBatchBytes, options.DlqTopic).ShouldBe((5, TimeSpan.FromMilliseconds(250), 1048576, "dlq.custom"));
        var untouched = new ReservationsOptions();
        untouched.ApplyPlanEnvironment(_ => "nonsense");
        untouched.QuickRetries.ShouldBe(3);
        untouched.EffectiveSchedule.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)]);
    }

    [Theory]
    [InlineData("wait=10", 10)]
    [InlineData("respond-async, wait=5", 5)]
    [InlineData("WAIT = 3", 3)]
    [InlineData("handling=lenient; wait=\"7\"", 7)]
    [InlineData("", null)]
    [InlineData("wait=", null)]
    [InlineData("nowait=4", null)]
    public void Prefer_wait_is_read_as_rfc_7240_says(string header, int? expected) => CommandOutcomes.RequestedWait(header).ShouldBe(expected);

    [Fact]
    public void A_merge_patch_changes_fields_removes_nulls_and_cannot_touch_the_ids()
    {
        var command = new ReservationCommand
        {
            CommandId = "c1",
            ReservationId = "r1",
            Create = new CreateReservation { PropertyId = "p", Notes = "old", Stay = new PricedStay { Arrival = "2031-02-30", Departure = "2031-03-02" } },
        };
        var patched = DeadLetterOperations.Patch(command, """{"create":{"stay":{"arrival":"2031-03-01"},"notes":null}}""");
        patched.Create.Stay.Arrival.ShouldBe("2031-03-01");
        patched.Create.Stay.Departure.ShouldBe("2031-03-02");
        patched.Create.Notes.ShouldBe(string.Empty);
        Should.Throw<ArgumentException>(() => DeadLetterOperations.Patch(command, """{"commandId":"other"}"""));
        Should.Throw<ArgumentException>(() => DeadLetterOperations.Patch(command, "{not json"));
        Should.Throw<ArgumentException>(() => DeadLetterOperations.Patch(command, """{"create":{"stay":{"adults":"many"}}}"""));
    }
}
