using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Properties.Tests.Infrastructure;
using Tartware.ServiceDefaults.Logging;
using Xunit;

namespace Tartware.Properties.Tests;

/// <summary>Guest fields are personal data: the platform's log redactor must know every one the module declares.</summary>
[Collection(PropertiesHostCollection.Name)]
public sealed class GuestRedactionTests(PropertiesHost host)
{
    [Theory]
    [InlineData("firstName", SensitiveKind.PersonName)]
    [InlineData("last_name", SensitiveKind.PersonName)]
    [InlineData("email", SensitiveKind.Email)]
    [InlineData("phone", SensitiveKind.Phone)]
    [InlineData("address", SensitiveKind.Address)]
    [InlineData("postalCode", SensitiveKind.Address)]
    [InlineData("documentNumber", SensitiveKind.IdentityDocument)]
    [InlineData("document_number", SensitiveKind.IdentityDocument)]
    [InlineData("nationality", SensitiveKind.IdentityDocument)]
    [InlineData("dateOfBirth", SensitiveKind.DateOfBirth)]
    [InlineData("blacklistReason", SensitiveKind.PersonName)]
    [InlineData("preferences", SensitiveKind.PersonName)]
    public void Guest_fields_are_classified(string key, SensitiveKind kind) =>
        host.Services.GetRequiredService<LogRedactor>().Classify(key).ShouldBe(kind);

    [Fact]
    public void A_logged_guest_line_keeps_no_personal_value()
    {
        var redactor = host.Services.GetRequiredService<LogRedactor>();
        var text = redactor.Redact("guest created firstName=Ana lastName=Silva documentNumber=X1234567 dateOfBirth=1985-04-12 vipLevel=GOLD");
        text.ShouldNotContain("Silva");
        text.ShouldNotContain("X1234567");
        text.ShouldNotContain("1985-04-12");
        text.ShouldContain("vipLevel=GOLD");
    }
}
