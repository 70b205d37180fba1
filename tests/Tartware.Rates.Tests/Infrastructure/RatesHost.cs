using Tartware.Testing;
using Xunit;

namespace Tartware.Rates.Tests.Infrastructure;

/// <summary>Test classes that talk to the running platform join this collection (the pure engine tests do not).</summary>
[CollectionDefinition(Name)]
public sealed class RatesHostCollection : ICollectionFixture<RatesHost>
{
    public const string Name = "rates-host";
}

/// <summary>The shared platform host (see <see cref="PlatformHost"/>) for the rates tests.</summary>
public sealed class RatesHost : PlatformHost;
