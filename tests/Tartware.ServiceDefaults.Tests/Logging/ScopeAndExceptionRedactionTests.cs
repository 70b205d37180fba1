using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

public sealed class ScopeAndExceptionRedactionTests
{
    [Fact]
    public void Scope_values_are_redacted_by_key_and_by_pattern()
    {
        var (line, json) = LogCapture.LogOne(l =>
        {
            using var dictionaryScope = l.BeginScope(new Dictionary<string, object?> { ["guestEmail"] = "anna@example.com", ["ReservationId"] = "RES-2026-000123" });
            using var templateScope = l.BeginScope("Handling {GuestName} with {Token}", "Anna Kowalska", "tok-5511");
            using var textScope = l.BeginScope("Import for anna@example.com");
            l.LogInformation("Inside scopes");
        });

        line.ShouldNotLeak("anna@example.com", "Anna Kowalska", "tok-5511");
        var scopes = json.GetProperty("scopes");
        scopes.GetProperty("guestEmail").GetString().ShouldBe("[REDACTED:email]");
        scopes.GetProperty("ReservationId").GetString().ShouldBe("RES-2026-000123");
        scopes.GetProperty("GuestName").GetString().ShouldBe("[REDACTED:personName]");
        json.GetProperty("scopeMessages")[0].GetString().ShouldBe("Import for [REDACTED:email]");
    }

    [Fact]
    public void Exception_message_and_stack_text_are_redacted_and_the_type_is_kept()
    {
        Exception thrown;
        try
        {
            try
            {
                throw new InvalidOperationException("Upstream said: password=hunter2 for guest anna@example.com");
            }
            catch (InvalidOperationException inner)
            {
                throw new ArgumentException("Payment with card 4111 1111 1111 1111 failed", inner);
            }
        }
        catch (ArgumentException outer)
        {
            thrown = outer;
        }

        var (line, json) = LogCapture.LogOne(l => l.LogError(thrown, "Charging failed"));

        line.ShouldNotLeak("hunter2", "anna@example.com", "4111 1111 1111 1111");
        var exception = json.GetProperty("exception");
        exception.GetProperty("type").GetString().ShouldBe("System.ArgumentException");
        exception.GetProperty("message").GetString().ShouldBe("Payment with card [REDACTED:card] failed");
        var stack = exception.GetProperty("stackTrace").GetString()!;
        stack.ShouldContain("System.InvalidOperationException: Upstream said: password=[REDACTED:secret] for guest [REDACTED:email]");
        stack.ShouldContain(nameof(Exception_message_and_stack_text_are_redacted_and_the_type_is_kept));
    }

    [Fact]
    public void A_template_built_by_string_interpolation_is_still_redacted()
    {
        var email = "late@example.com";
#pragma warning disable CA2254 // The point of the test: callers sometimes interpolate instead of using a template.
        var (line, json) = LogCapture.LogOne(l => l.LogInformation($"Guest {email} checked out"));
#pragma warning restore CA2254

        line.ShouldNotLeak(email);
        json.Message().ShouldBe("Guest [REDACTED:email] checked out");
        json.GetProperty("template").GetString().ShouldBe("Guest [REDACTED:email] checked out");
    }
}
