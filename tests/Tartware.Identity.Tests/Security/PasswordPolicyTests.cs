using Shouldly;
using Tartware.Identity.Security;
using Xunit;

namespace Tartware.Identity.Tests.Security;

public sealed class PasswordPolicyTests
{
    private static string[] Codes(string password, string? username = null, string? email = null) =>
        [.. PasswordPolicy.Check(password, username, email).Select(v => v.Code)];

    [Fact]
    public void A_long_uncommon_passphrase_without_composition_rules_passes() =>
        Codes("violet kettle harbour", "jsmith", "john.smith@hotel.example").ShouldBeEmpty();

    [Theory]
    [InlineData("abc")]
    [InlineData("elevenchars")]
    public void Fewer_than_12_characters_is_too_short(string password) =>
        Codes(password).ShouldContain(PasswordViolationCodes.TooShort);

    [Fact]
    public void Exactly_12_and_exactly_128_characters_are_accepted()
    {
        Codes("zq8vwmx3kbnt").ShouldBeEmpty();
        Codes(new string('k', 120) + "zq8vwmx3").ShouldBeEmpty();
    }

    [Fact]
    public void More_than_128_characters_is_too_long() =>
        Codes(new string('k', 121) + "zq8vwmx3").ShouldBe([PasswordViolationCodes.TooLong]);

    [Fact]
    public void Length_counts_user_perceived_characters_not_utf16_units()
    {
        const string flag = "\U0001F1EB\U0001F1F7"; // one flag = 4 UTF-16 units, one text element
        var elevenFlags = string.Concat(Enumerable.Repeat(flag, 11));
        var twelveFlags = string.Concat(Enumerable.Repeat(flag, 12));

        elevenFlags.Length.ShouldBe(44);
        Codes(elevenFlags).ShouldContain(PasswordViolationCodes.TooShort);
        Codes(twelveFlags).ShouldBeEmpty();
        Codes("naïve façade crème").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("PassWord1234")]
    [InlineData("Password123!")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("iloveyou1234")]
    [InlineData("Summer2025!!")]
    [InlineData("Welcome2024!")]
    [InlineData("frontdesk1234")]
    [InlineData("  password1234  ")]
    public void Common_passwords_are_refused_case_insensitively_and_after_trimming(string password) =>
        Codes(password).ShouldBe([PasswordViolationCodes.Common]);

    [Fact]
    public void Blocklist_loads_from_the_embedded_resource_with_well_known_entries()
    {
        CommonPasswords.Count.ShouldBeGreaterThan(1000);
        foreach (var entry in new[] { "123456", "password", "qwerty", "iloveyou", "hotel123", "frontdesk1", "reception", "letmein" })
        {
            CommonPasswords.Contains(entry).ShouldBeTrue(entry);
        }

        CommonPasswords.Contains("# Common passwords rejected by PasswordPolicy").ShouldBeFalse();
    }

    [Theory]
    [InlineData("jsmith")]
    [InlineData("JSMITH")]
    [InlineData(" jsmith ")]
    public void A_password_containing_the_username_is_refused(string username) =>
        Codes("the-jsmith-harbour-lights", username).ShouldBe([PasswordViolationCodes.ContainsUsername]);

    [Fact]
    public void A_password_equal_to_the_username_is_refused() =>
        Codes("frontofficeanna", "FrontOfficeAnna").ShouldBe([PasswordViolationCodes.ContainsUsername]);

    [Fact]
    public void A_password_containing_the_email_local_part_is_refused() =>
        Codes("Maria.Garcia-blue-harbour", "mg", "maria.garcia@hotel.example")
            .ShouldBe([PasswordViolationCodes.ContainsEmail]);

    [Fact]
    public void Identifiers_shorter_than_4_characters_are_not_checked() =>
        Codes("bob likes long harbour walks", "bob", "bob@hotel.example").ShouldBeEmpty();

    [Fact]
    public void Every_violation_has_a_stable_code_and_a_message()
    {
        var violations = PasswordPolicy.Check("jsmith", "jsmith", "jsmith@hotel.example");

        violations.Select(v => v.Code).ShouldBe(
            [PasswordViolationCodes.TooShort, PasswordViolationCodes.ContainsUsername, PasswordViolationCodes.ContainsEmail]);
        violations.ShouldAllBe(v => v.Message.Length > 0);
    }
}
