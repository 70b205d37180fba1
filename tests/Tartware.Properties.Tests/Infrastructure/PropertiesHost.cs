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
    public RecordingParticipant Participant { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPropertySetupParticipant>(Participant);
        services.AddSingleton<IRoomChangeParticipant>(Participant);
    }
}
