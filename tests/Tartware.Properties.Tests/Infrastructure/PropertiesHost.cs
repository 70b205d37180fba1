using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Properties;
using Tartware.Testing;
using Xunit;

namespace Tartware.Properties.Tests.Infrastructure;

/// <summary>Test classes that talk to the running platform join this collection (pure unit tests do not).</summary>
[CollectionDefinition(Name)]
public sealed class PropertiesHostCollection : ICollectionFixture<PropertiesHost>
{
    public const string Name = "properties-host";
}

/// <summary>The shared platform host plus one <see cref="RecordingParticipant"/> registered for both participant façades.</summary>
public sealed class PropertiesHost : PlatformHost
{
    /// <summary>Low enough that a test can reach it; no other test adds more than one custom entry per property.</summary>
    public const int MaxCustomAmenities = 3;

    public RecordingParticipant Participant { get; } = new();

    protected override Dictionary<string, string?> Overrides()
    {
        var overrides = base.Overrides();
        overrides["Properties:Amenities:MaxCustomEntries"] = MaxCustomAmenities.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return overrides;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPropertySetupParticipant>(Participant);
        services.AddSingleton<IRoomChangeParticipant>(Participant);
    }
}
