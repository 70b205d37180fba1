using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AvailabilityHostCollection : ICollectionFixture<AvailabilityHost>
{
    public const string Name = "availability-host";
}

/// <summary>The platform with a fast hold sweeper, so TTL tests wait on a sweep, not on a clock.</summary>
public sealed class AvailabilityHost : PlatformHost
{
    protected override Dictionary<string, string?> Overrides()
    {
        var overrides = base.Overrides();
        overrides["Availability:SweepInterval"] = "00:00:00.200";
        return overrides;
    }
}
