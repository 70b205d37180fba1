using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

/// <summary>Operational data that only looks like personal data stays readable.</summary>
public sealed class FalsePositiveTests
{
    private readonly LogRedactor _redactor = new(new SensitiveDataRegistry());

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("12345678-1234-5678-1234-567812345678")]
    [InlineData("3f2504e04f8911d39a0c0305e82c3301")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-22T10:15:30.1234567Z")]
    [InlineData("2026-11-22 10:15:30+01:00")]
    [InlineData("22.11.2026")]
    [InlineData("01.02.2024 10:30")]
    [InlineData("01/02/2024")]
    [InlineData("01-02-2024")]
    [InlineData("1234.50")]
    [InlineData("1,234.50")]
    [InlineData("EUR 12345.67")]
    [InlineData("+1234.50 adjustment")]
    [InlineData("-250.00")]
    [InlineData("RES-2026-000123")]
    [InlineData("TW2026000123456")]
    [InlineData("0001234567")]
    [InlineData("booked for 2026 and 2027")]
    [InlineData("order 100200300")]
    [InlineData("1732272000000")]
    [InlineData("Room 1204, floor 12, 3 nights")]
    [InlineData("192.168.10.254:5432")]
    [InlineData("version 10.0.15")]
    [InlineData("took 12.5 ms at 10:30:45")]
    [InlineData("Basic settings changed")]
    [InlineData("rateCode=BAR roomCode=DBL currencyCode=EUR")]
    [InlineData("roomTypeName=Deluxe King")]
    [InlineData("status=200 elapsed=35ms")]
    [InlineData("idempotencyKey=9f1c2d; tokenType=Bearer")]
    [InlineData("https://api.example.com/v1/rates?page=2&size=50")]
    public void Ordinary_values_are_left_intact(string value)
    {
        _redactor.Redact(value).ShouldBeSameAs(value);

        var (_, json) = LogCapture.LogOne(l => l.LogInformation("Value {Value}", value));
        json.Property("Value").ShouldBe(value);
        json.Message().ShouldBe($"Value {value}");
    }

    [Fact]
    public void Non_string_values_keep_their_json_types()
    {
        var reservationId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        var (_, json) = LogCapture.LogOne(l => l.LogInformation(
            "Reservation {ReservationId} for {Nights} nights, total {Total}, arrives {Arrival}, counter {Counter}",
            reservationId, 3, 1234.50m, new DateOnly(2026, 12, 24), 1732272000000L));

        var properties = json.GetProperty("properties");
        properties.GetProperty("ReservationId").GetString().ShouldBe(reservationId.ToString());
        properties.GetProperty("Nights").GetInt32().ShouldBe(3);
        properties.GetProperty("Total").GetDecimal().ShouldBe(1234.50m);
        properties.GetProperty("Arrival").GetString().ShouldBe("2026-12-24");
        properties.GetProperty("Counter").GetInt64().ShouldBe(1732272000000L);
    }

    [Fact]
    public void A_card_number_logged_as_an_integer_is_still_redacted()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Number {Number}", 4111111111111111L));

        line.ShouldNotLeak("4111111111111111");
        json.Property("Number").ShouldBe("[REDACTED:card]");
    }
}
