using Shouldly;
using Tartware.Properties.Common;
using Tartware.ServiceDefaults.Errors;
using Xunit;

namespace Tartware.Properties.Tests;

public sealed class VersioningTests
{
    [Theory]
    [InlineData("\"3\"", 3)]
    [InlineData("W/\"3\"", 3)]
    [InlineData(" \"12\" ", 12)]
    [InlineData("*", null)]
    [InlineData(null, null)]
    public void If_match_values_name_a_version(string? header, int? version) => Versioning.Parse(header).ShouldBe(version);

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"99999999999\"")]
    public void Unreadable_if_match_values_are_validation_errors(string header) =>
        Should.Throw<ValidationFailedException>(() => Versioning.Parse(header));

    [Fact]
    public void A_different_version_is_a_conflict()
    {
        Should.Throw<ConflictException>(() => Versioning.Check(1, 2, "room")).Code.ShouldBe("version-mismatch");
        Versioning.Check(null, 2, "room");
        Versioning.Check(2, 2, "room");
        Versioning.ETag(7).ShouldBe("\"7\"");
    }
}
