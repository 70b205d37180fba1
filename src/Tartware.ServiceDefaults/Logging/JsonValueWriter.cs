using System.Globalization;
using System.Text.Json;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>Writes already-redacted values as JSON: numbers and booleans as such, containers as objects and arrays, anything else as a string.</summary>
internal static class JsonValueWriter
{
    public static void WriteEntries(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!RepeatedLater(entries, i))
            {
                w.WritePropertyName(entries[i].Key);
                WriteValue(w, entries[i].Value);
            }
        }
    }

    public static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int n: w.WriteNumberValue(n); break;
            case long n: w.WriteNumberValue(n); break;
            case short n: w.WriteNumberValue(n); break;
            case byte n: w.WriteNumberValue(n); break;
            case sbyte n: w.WriteNumberValue(n); break;
            case ushort n: w.WriteNumberValue(n); break;
            case uint n: w.WriteNumberValue(n); break;
            case ulong n: w.WriteNumberValue(n); break;
            case decimal n: w.WriteNumberValue(n); break;
            case double n when double.IsFinite(n): w.WriteNumberValue(n); break;
            case float n when float.IsFinite(n): w.WriteNumberValue(n); break;
            case DateTime t: w.WriteStringValue(t); break;
            case DateTimeOffset t: w.WriteStringValue(t); break;
            case Guid g: w.WriteStringValue(g); break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeOnly t: w.WriteStringValue(t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case TimeSpan t: w.WriteStringValue(t.ToString("c", CultureInfo.InvariantCulture)); break;
            case RedactedObject o:
                w.WriteStartObject();
                WriteEntries(w, o.Entries);
                w.WriteEndObject();
                break;
            case RedactedArray a:
                w.WriteStartArray();
                foreach (var item in a.Items)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static bool RepeatedLater(IReadOnlyList<KeyValuePair<string, object?>> entries, int index)
    {
        for (var j = index + 1; j < entries.Count; j++)
        {
            if (string.Equals(entries[j].Key, entries[index].Key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
