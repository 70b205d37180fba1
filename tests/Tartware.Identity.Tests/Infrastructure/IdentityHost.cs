using Tartware.Testing;
using Xunit;

namespace Tartware.Identity.Tests.Infrastructure;

/// <summary>Test classes that talk to the running platform join this collection (pure unit tests do not).</summary>
[CollectionDefinition(Name)]
public sealed class IdentityHostCollection : ICollectionFixture<IdentityHost>
{
    public const string Name = "identity-host";
}

/// <summary>The shared platform host (see <see cref="PlatformHost"/>) for the identity tests.</summary>
public sealed class IdentityHost : PlatformHost;
