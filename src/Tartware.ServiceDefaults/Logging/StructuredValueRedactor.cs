using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Walks a logged value: a sensitive key replaces the whole value whatever its type; dictionaries (including
/// header dictionaries) are redacted per key, sequences per item, strings by pattern, large integers checked as
/// card numbers. Anything else is stringified and pattern-redacted, so no object reaches a sink unredacted.
/// </summary>
internal sealed class StructuredValueRedactor(SensitiveKeyClassifier classifier, TextRedactor text)
{
    private const int MaxDepth = 4;
    private const int MaxItems = 256;
    private const decimal SmallestCardNumber = 1_000_000_000_000m;

    public object? RedactEntry(string key, object? value, int depth, ref bool changed)
    {
        if (value is not null && classifier.Classify(key) is { } kind && !IsNetworkAddress(kind, value))
        {
            changed = true;
            return Placeholders.For(kind);
        }

        return RedactValue(value, depth, ref changed);
    }

    // A bare "address" key is postal (a guest's) unless the value is a URL or IP endpoint, like the
    // host's "Now listening on: {address}"; those still get pattern redaction (credentials in URLs).
    private static bool IsNetworkAddress(SensitiveKind kind, object value) =>
        kind == SensitiveKind.Address && value is string s
        && ((Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tcp" or "unix")
            || System.Net.IPEndPoint.TryParse(s, out _));

    public object? RedactValue(object? value, int depth, ref bool changed)
    {
        switch (value)
        {
            case null or bool or byte or sbyte or short or ushort or int or uint or float or double or Guid
                or DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Enum
                or RedactedObject or RedactedArray or RedactedLogState:
                return value;
            case string s:
                return Text(s, ref changed);
            case long or ulong or decimal:
                return Number(value, ref changed);
            case StringValues values:
                return values.Count == 1 ? Text(values[0] ?? string.Empty, ref changed) : Sequence(values, depth, ref changed);
        }

        if (depth >= MaxDepth)
        {
            return Stringify(value, ref changed);
        }

        return value switch
        {
            IEnumerable<KeyValuePair<string, object?>> pairs => Object(pairs.Select(p => (p.Key, (object?)p.Value)), depth, ref changed),
            IEnumerable<KeyValuePair<string, string>> pairs => Object(pairs.Select(p => (p.Key, (object?)p.Value)), depth, ref changed),
            IEnumerable<KeyValuePair<string, StringValues>> pairs => Object(pairs.Select(p => (p.Key, (object?)p.Value)), depth, ref changed),
            IDictionary dictionary => Object(Entries(dictionary), depth, ref changed),
            IEnumerable sequence and not Exception => Sequence(sequence, depth, ref changed),
            _ => Stringify(value, ref changed),
        };
    }

    private string Text(string value, ref bool changed)
    {
        var redacted = text.Redact(value);
        changed |= !ReferenceEquals(redacted, value);
        return redacted;
    }

    private object Stringify(object value, ref bool changed)
    {
        // The object's own ToString (records print every property) goes through pattern redaction; its type is
        // gone, so the message is re-rendered from the redacted text rather than from the object.
        changed = true;
        return text.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
    }

    private object Number(object value, ref bool changed)
    {
        var magnitude = value switch
        {
            long l => Math.Abs((decimal)l),
            ulong u => u,
            _ => Math.Abs((decimal)value),
        };
        if (magnitude >= SmallestCardNumber && decimal.Truncate(magnitude) == magnitude
            && RedactionValidators.IsPaymentCard(magnitude.ToString(CultureInfo.InvariantCulture)))
        {
            changed = true;
            return Placeholders.For(SensitiveKind.PaymentCard);
        }

        return value;
    }

    private RedactedObject Object(IEnumerable<(string Key, object? Value)> pairs, int depth, ref bool changed)
    {
        var entries = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in pairs)
        {
            if (entries.Count == MaxItems)
            {
                changed = true;
                break;
            }

            entries.Add(new(key, RedactEntry(key, value, depth + 1, ref changed)));
        }

        return new RedactedObject([.. entries]);
    }

    private RedactedArray Sequence(IEnumerable sequence, int depth, ref bool changed)
    {
        var items = new List<object?>();
        foreach (var item in sequence)
        {
            if (items.Count == MaxItems)
            {
                changed = true;
                break;
            }

            items.Add(item is not null && KeyValueOf(item) is { } pair
                ? Object([pair], depth + 1, ref changed)
                : RedactValue(item, depth + 1, ref changed));
        }

        return new RedactedArray([.. items]);
    }

    private static IEnumerable<(string, object?)> Entries(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            yield return (Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
        }
    }

    // A KeyValuePair<string, T> of any T, seen as an item of a sequence that is not a dictionary.
    private static (string, object?)? KeyValueOf(object item)
    {
        var type = item.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(KeyValuePair<,>) || type.GenericTypeArguments[0] != typeof(string))
        {
            return null;
        }

        return ((string)type.GetProperty("Key")!.GetValue(item)!, type.GetProperty("Value")!.GetValue(item));
    }
}
