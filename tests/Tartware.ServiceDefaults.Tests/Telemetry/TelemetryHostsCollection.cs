using Xunit;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// Tests that start hosts run alone. OpenTelemetry merges same-named instruments from different Meter
/// instances into one stream, and when any of them is disposed (another test's host shutting down its
/// IMeterFactory) the merged stream is dropped from every live provider. Production has one host per
/// process; a test run has many, so ours must not overlap with any other host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryHostsCollection
{
    public const string Name = "Telemetry hosts (run alone)";
}
