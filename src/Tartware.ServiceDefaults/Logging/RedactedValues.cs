using System.Collections;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// A dictionary after redaction. Sinks write it as a JSON object; <see cref="ToString"/> renders it the way
/// Microsoft.Extensions.Logging renders a dictionary in a message (<c>[key, value], …</c>).
/// </summary>
internal sealed class RedactedObject(KeyValuePair<string, object?>[] entries)
{
    public KeyValuePair<string, object?>[] Entries { get; } = entries;

    public override string ToString() => string.Join(", ", Entries.Select(e => $"[{e.Key}, {e.Value ?? "(null)"}]"));
}

/// <summary>A sequence after redaction, rendered like Microsoft.Extensions.Logging renders an enumerable (<c>a, b</c>).</summary>
internal sealed class RedactedArray(object?[] items)
{
    public object?[] Items { get; } = items;

    public override string ToString() => string.Join(", ", Items.Select(i => i ?? "(null)"));
}

/// <summary>
/// Log state after redaction: the properties (values replaced or pattern-redacted, the template kept under
/// <c>{OriginalFormat}</c>) and the rendered message. It is itself a standard structured state, so any
/// <see cref="Microsoft.Extensions.Logging.ILogger"/> downstream (OpenTelemetry) reads only redacted data.
/// </summary>
internal sealed class RedactedLogState(KeyValuePair<string, object?>[] properties, string message, string? template)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string OriginalFormatKey = "{OriginalFormat}";

    public static readonly Func<RedactedLogState, Exception?, string> Formatter = static (state, _) => state.Message;

    public string Message { get; } = message;

    /// <summary>The message template after pattern redaction (it may hold literals from string interpolation).</summary>
    public string? Template { get; } = template;

    public int Count => properties.Length;

    public KeyValuePair<string, object?> this[int index] => properties[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}

/// <summary>Redacted details of an exception: type, message and the full text (stack and inner exceptions).</summary>
internal sealed record RedactedExceptionInfo(string Type, string Message, string Details);

/// <summary>
/// Stands in for the original exception on its way to sinks that serialize exceptions themselves (OpenTelemetry
/// exports <c>Message</c> and <c>ToString()</c>), so they only ever see redacted text.
/// </summary>
internal sealed class RedactedException(RedactedExceptionInfo info) : Exception(info.Message)
{
    public string OriginalType { get; } = info.Type;

    public override string ToString() => info.Details;
}
