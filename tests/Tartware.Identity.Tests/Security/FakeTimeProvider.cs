namespace Tartware.Identity.Tests.Security;

/// <summary>A clock the test moves by hand (no Microsoft.Extensions.TimeProvider.Testing on the feed).</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
