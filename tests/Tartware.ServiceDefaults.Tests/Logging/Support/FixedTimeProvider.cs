namespace Tartware.ServiceDefaults.Tests.Logging.Support;

/// <summary>A clock that always says <see cref="LogCapture.Now"/>, so timestamps are asserted exactly.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
