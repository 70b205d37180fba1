using System.Diagnostics;
using System.Reflection;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Names our own spans and meters live under. The tracing pipeline listens to
/// <see cref="ActivitySourceName"/> and every <c>Tartware.*</c> source; the metrics pipeline and
/// <c>/metrics</c> take every meter whose name starts with <see cref="MeterPrefix"/>.
/// </summary>
public static class TartwareDiagnostics
{
    /// <summary>The ActivitySource for spans that belong to no single module.</summary>
    public const string ActivitySourceName = "Tartware";

    /// <summary>Prefix for module meters (create them through <c>IMeterFactory</c>, e.g. <c>Tartware.Reservations</c>).</summary>
    public const string MeterPrefix = "Tartware";

    /// <summary>
    /// Shared source for our own spans. Static on purpose: an ActivitySource is a process-wide name
    /// that listeners subscribe to, not per-container state.
    /// </summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName, ServiceVersion.Of(typeof(TartwareDiagnostics).Assembly));
}

internal static class ServiceVersion
{
    /// <summary>Informational version (includes the commit when the build stamps it), else the assembly version.</summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
