using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Tests.Logging.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Logging;

public sealed class SensitiveDataRegistryTests
{
    [Fact]
    public void A_generic_name_is_kept_until_a_module_registers_it()
    {
        var (_, unregistered) = LogCapture.LogOne(l => l.LogInformation("Loaded {Name}", "Anna Kowalska"));
        unregistered.Property("Name").ShouldBe("Anna Kowalska");

        var (line, registered) = LogCapture.LogOne(
            l => l.LogInformation("Loaded {Name} {Tag}", "Anna Kowalska", "loyaltyNo=LX-99 roomType=DBL"),
            services => services
                .AddSensitiveData(d => d.Register("name", SensitiveKind.PersonName))
                .AddSensitiveData(d => d.Register("loyalty_no", SensitiveKind.IdentityDocument)));

        line.ShouldNotLeak("Anna", "Kowalska", "LX-99");
        registered.Property("Name").ShouldBe("[REDACTED:personName]");
        registered.Property("Tag").ShouldBe("loyaltyNo=[REDACTED:document] roomType=DBL");
    }

    [Theory]
    [InlineData("guestName", SensitiveKind.PersonName)]
    [InlineData("GUEST-NAME", SensitiveKind.PersonName)]
    [InlineData("reservation.guest_name", SensitiveKind.PersonName)]
    [InlineData("Set-Cookie", SensitiveKind.Token)]
    [InlineData("X-Api-Key", SensitiveKind.Secret)]
    [InlineData("authorization_code", SensitiveKind.Secret)]
    [InlineData("card_number", SensitiveKind.PaymentCard)]
    [InlineData("cvc2", SensitiveKind.CardSecurityCode)]
    [InlineData("emailAddress", SensitiveKind.Email)]
    [InlineData("billingAddress", SensitiveKind.Address)]
    public void Built_in_keys_are_classified_regardless_of_case_and_separators(string key, SensitiveKind expected) =>
        new LogRedactor(new SensitiveDataRegistry()).Classify(key).ShouldBe(expected);

    [Theory]
    [InlineData("name")]
    [InlineData("code")]
    [InlineData("rateCode")]
    [InlineData("roomTypeName")]
    [InlineData("remoteIpAddress")]
    [InlineData("correlationId")]
    [InlineData("traceId")]
    [InlineData("idempotencyKey")]
    [InlineData("timespan")]
    public void Operational_keys_are_not_sensitive(string key) =>
        new LogRedactor(new SensitiveDataRegistry()).Classify(key).ShouldBeNull();

    [Fact]
    public void Registering_a_name_without_letters_is_rejected() =>
        Should.Throw<ArgumentException>(() => new SensitiveDataRegistry().Register("--", SensitiveKind.Secret));
}
