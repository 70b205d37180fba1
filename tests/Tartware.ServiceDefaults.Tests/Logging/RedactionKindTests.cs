using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

/// <summary>One test per kind of personal data: the raw value never reaches the output line, and the line stays valid JSON.</summary>
public sealed class RedactionKindTests
{
    [Fact]
    public void Email_in_free_text_and_by_key_is_redacted()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Confirmation sent to {Recipient}, profile {Email}", "anna.kowalska@example.com", "a.k@example.org"));

        line.ShouldNotLeak("anna.kowalska@example.com", "a.k@example.org");
        json.Property("Recipient").ShouldBe("[REDACTED:email]");
        json.Message().ShouldBe("Confirmation sent to [REDACTED:email], profile [REDACTED:email]");
    }

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+1 (555) 123-4567")]
    [InlineData("+4915112345678")]
    [InlineData("(555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("020 7946 0958")]
    [InlineData("06 12 34 56 78")]
    [InlineData("030-1234567")]
    public void Phone_number_in_free_text_is_redacted(string phone)
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Call back requested: {Note}", $"guest asks to call {phone} after 18:00"));

        line.ShouldNotLeak(phone);
        json.Property("Note").ShouldBe("guest asks to call [REDACTED:phone] after 18:00");
    }

    [Fact]
    public void Person_name_is_redacted_by_key_in_state_nested_dictionaries_and_records()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation(
            "Checked in {GuestName}; profile {Profile}; dto {Guest}",
            "Anna Kowalska",
            new Dictionary<string, object?> { ["firstName"] = "Marta", ["last_name"] = "Nowak", ["nights"] = 3 },
            new GuestDto("Jan", "Brzechwa", 2)));

        line.ShouldNotLeak("Anna", "Kowalska", "Marta", "Nowak", "Jan", "Brzechwa");
        json.Property("GuestName").ShouldBe("[REDACTED:personName]");
        json.GetProperty("properties").GetProperty("Profile").GetProperty("nights").GetInt32().ShouldBe(3);
        json.Property("Guest").ShouldContain("Nights = 2");
    }

    [Fact]
    public void Passport_and_identity_document_numbers_are_redacted_by_key()
    {
        var documents = new Dictionary<string, string>
        {
            ["documentNumber"] = "ZX9981234",
            ["NationalId"] = "85010112345",
            ["drivers_license_number"] = "DL-55-7781",
            ["documentType"] = "passport",
        };
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Passport {PassportNumber} scanned; documents {Documents}", "P1234567", documents));

        line.ShouldNotLeak("P1234567", "ZX9981234", "85010112345", "DL-55-7781");
        json.Property("PassportNumber").ShouldBe("[REDACTED:document]");
        json.GetProperty("properties").GetProperty("Documents").GetProperty("documentType").GetString().ShouldBe("passport");
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("5500 0000 0000 0004")]
    [InlineData("378282246310005")]
    public void Luhn_valid_card_number_in_free_text_is_redacted(string card)
    {
        var (line, json) = LogCapture.LogOne(l => l.LogWarning("Payment declined: {Reason}", $"card {card} declined by issuer"));

        line.ShouldNotLeak(card, card.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        json.Property("Reason").ShouldBe("card [REDACTED:card] declined by issuer");
    }

    [Fact]
    public void Sixteen_digits_that_fail_the_Luhn_check_are_not_redacted()
    {
        var (_, json) = LogCapture.LogOne(l => l.LogInformation("Folio reference {Reference}", "4111111111111112"));

        json.Property("Reference").ShouldBe("4111111111111112");
        json.Message().ShouldBe("Folio reference 4111111111111112");
    }

    [Fact]
    public void Card_security_code_is_redacted_by_key_and_in_text()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Card check {Cvv} / {Form}", "987", "pan=4111111111111111&cvv=987&exp=12/29"));

        line.ShouldNotLeak("987", "4111111111111111");
        json.Property("Cvv").ShouldBe("[REDACTED:cvv]");
        json.Property("Form").ShouldBe("pan=[REDACTED:card]&cvv=[REDACTED:cvv]&exp=12/29");
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR1420041010050500013M02606")]
    public void Valid_iban_is_redacted_and_an_invalid_one_is_kept(string iban)
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Refund to {Account} and {Other}", $"{iban} EUR", "DE00 3704 0044 0532 0130 00"));

        line.ShouldNotLeak(iban);
        json.Property("Account").ShouldBe("[REDACTED:iban] EUR");
        json.Property("Other").ShouldBe("DE00 3704 0044 0532 0130 00");
    }

    [Theory]
    [InlineData("DateOfBirth", "1985-01-01", "[REDACTED:dateOfBirth]")]
    [InlineData("HomeAddress", "12 Baker Street", "[REDACTED:address]")]
    [InlineData("MobilePhone", "600700800", "[REDACTED:phone]")]
    [InlineData("ContactEmail", "someone", "[REDACTED:email]")]
    [InlineData("Iban", "not-even-valid", "[REDACTED:iban]")]
    public void Other_personal_data_is_redacted_by_key(string key, string value, string expected)
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Profile {Profile}", new Dictionary<string, object?> { [key] = value }));

        line.ShouldNotLeak(value);
        json.GetProperty("properties").GetProperty("Profile").GetProperty(key).GetString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("10.0.0.7:5432")]
    public void A_network_address_under_the_key_address_is_kept(string value)
    {
        var (_, json) = LogCapture.LogOne(l => l.LogInformation("Now listening on: {address}", value));
        json.Property("address").ShouldBe(value);
    }

    [Fact]
    public void A_postal_address_under_the_key_address_is_redacted()
    {
        var (line, json) = LogCapture.LogOne(l => l.LogInformation("Guest lives at {address}", "12 Baker Street, London"));
        line.ShouldNotLeak("Baker Street");
        json.Property("address").ShouldBe("[REDACTED:address]");
    }

    private sealed record GuestDto(string FirstName, string LastName, int Nights);
}
