using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

public sealed class LogRedactorTests
{
    private readonly LogRedactor _redactor = new(new SensitiveDataRegistry());

    [Fact]
    public async Task Clean_text_is_returned_as_is_without_allocating_once_the_code_is_optimized()
    {
        const string text = "Reservation RES-2026-000123 confirmed for 3 nights, total 1234.50 EUR, status=200 at 2026-11-22T10:15:30Z";

        // Unoptimized (tier-0) JIT code boxes inside generic span helpers; poll until tiered compilation has
        // promoted the hot path, as it does in a running service, then require zero allocations.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long allocated;
        do
        {
            for (var i = 0; i < 1_000; i++)
            {
                _redactor.Redact(text);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
            allocated = AllocatedBy(() => _redactor.Redact(text), out var result);
            result.ShouldBeSameAs(text);
        }
        while (allocated > 0 && DateTime.UtcNow < deadline);

        allocated.ShouldBe(0);
    }

    private static long AllocatedBy(Func<string> redact, out string result)
    {
        result = string.Empty;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            result = redact();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Redacting_twice_changes_nothing_more()
    {
        var once = _redactor.Redact("password=hunter2 mail anna@example.com card 4111111111111111 Bearer abcdef123456");

        _redactor.Redact(once).ShouldBe(once);
        once.ShouldBe("password=[REDACTED:secret] mail [REDACTED:email] card [REDACTED:card] Bearer [REDACTED:token]");
    }

    [Fact]
    public void Key_redaction_replaces_any_value_type_under_a_sensitive_key()
    {
        _redactor.Redact("DateOfBirth", new DateOnly(1985, 1, 1)).ShouldBe("[REDACTED:dateOfBirth]");
        _redactor.Redact("pin", 1234).ShouldBe("[REDACTED:secret]");
        _redactor.Redact("nights", 3).ShouldBe(3);
        _redactor.Redact("password", null).ShouldBeNull();
    }

    [Fact]
    public void Unterminated_quoted_secret_is_redacted_up_to_the_limit_not_leaked()
    {
        var redacted = _redactor.Redact("{\"password\":\"hunter2 and the rest of a truncated body");

        redacted.ShouldBe("{\"password\":\"[REDACTED:secret]");
    }

    [Fact]
    public void Values_in_parentheses_from_database_errors_are_redacted()
    {
        var redacted = _redactor.Redact("duplicate key value violates unique constraint \"guests_email_key\" Key (email)=(anna@example.com) already exists.");

        redacted.ShouldBe("duplicate key value violates unique constraint \"guests_email_key\" Key (email)=[REDACTED:email] already exists.");
    }

    [Theory]
    [InlineData("firstName=Anna lastName=Kowalska nights=3", "firstName=[REDACTED:personName] lastName=[REDACTED:personName] nights=3")]
    [InlineData("guestName=Anna Maria Kowalska, room=12", "guestName=[REDACTED:personName], room=12")]
    [InlineData("address: 12 Baker Street; city=London", "address: [REDACTED:address]; city=London")]
    public void Multi_word_names_and_addresses_are_redacted_up_to_the_next_key(string text, string expected) =>
        _redactor.Redact(text).ShouldBe(expected);
}
