using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Re-renders a message template (<c>"Guest {GuestName} checked in"</c>) from redacted values, the way
/// Microsoft.Extensions.Logging renders it: holes may carry alignment and format, <c>{{</c>/<c>}}</c> escape,
/// formatting is culture-invariant, null is <c>(null)</c>. Only used when redaction changed a value; otherwise
/// the caller's own formatter output is kept.
/// </summary>
internal sealed class MessageTemplateRenderer
{
    private const int CacheLimit = 1024;

    // Templates are compile-time constants in practice, so a small bounded cache avoids re-parsing.
    private readonly ConcurrentDictionary<string, ParsedTemplate> _cache = new(StringComparer.Ordinal);

    public string Render(string template, IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        if (!_cache.TryGetValue(template, out var parsed))
        {
            parsed = Parse(template);
            if (_cache.Count < CacheLimit)
            {
                _cache.TryAdd(template, parsed);
            }
        }

        var args = new object?[parsed.Names.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Find(parsed.Names[i], i, properties) ?? "(null)";
        }

        return string.Format(CultureInfo.InvariantCulture, parsed.Composite, args);
    }

    // Position first (what Microsoft.Extensions.Logging does), confirmed by name; otherwise by name.
    private static object? Find(string name, int position, IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        if (position < properties.Count && string.Equals(properties[position].Key, name, StringComparison.OrdinalIgnoreCase))
        {
            return properties[position].Value;
        }

        foreach (var property in properties)
        {
            if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return position < properties.Count && properties[position].Key != RedactedLogState.OriginalFormatKey ? properties[position].Value : null;
    }

    private static ParsedTemplate Parse(string template)
    {
        var composite = new StringBuilder(template.Length);
        var names = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                composite.Append(c, 2);
                i++;
                continue;
            }

            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                // A lone brace is literal text; doubled so string.Format keeps it.
                composite.Append(c is '{' or '}' ? new string(c, 2) : c.ToString());
                continue;
            }

            var hole = template.AsSpan(i + 1, close - i - 1);
            var nameEnd = hole.IndexOfAny(',', ':');
            names.Add((nameEnd < 0 ? hole : hole[..nameEnd]).Trim().ToString());
            composite.Append('{').Append(names.Count - 1);
            if (nameEnd >= 0)
            {
                composite.Append(hole[nameEnd..]);
            }

            composite.Append('}');
            i = close;
        }

        return new ParsedTemplate(composite.ToString(), [.. names]);
    }

    private sealed record ParsedTemplate(string Composite, string[] Names);
}
