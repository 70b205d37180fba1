using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// Turns one log call into one line of JSON: <c>timestamp</c> (UTC, ISO 8601), <c>level</c>, <c>category</c>,
/// <c>eventId</c>/<c>eventName</c>, <c>message</c>, <c>template</c>, <c>properties</c>, <c>scopes</c>,
/// <c>scopeMessages</c>, <c>traceId</c>/<c>spanId</c> of <see cref="Activity.Current"/> and <c>exception</c>.
/// Everything written has been through <see cref="LogRedactor"/>.
/// </summary>
internal sealed class LogLineFormatter(LogRedactor redactor, TimeProvider timeProvider)
{
    // Relaxed escaping keeps non-ASCII names and '<' readable; quotes, control characters and line breaks are still
    // escaped, so a value can never start a new line or break out of its string.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string OwnCategory = "Tartware.ServiceDefaults.Logging";

    public string Format<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string>? formatter, IExternalScopeProvider? scopes)
    {
        var redacted = redactor.RedactState(state, exception, formatter);
        return Write(category, level, eventId, w =>
        {
            w.WriteString("message", redacted.Message);
            if (redacted.Template is not null)
            {
                w.WriteString("template", redacted.Template);
            }

            WriteObject(w, "properties", redacted.Where(p => p.Key != RedactedLogState.OriginalFormatKey).ToList());
            WriteScopes(w, scopes);
            if (Activity.Current is { } activity)
            {
                w.WriteString("traceId", activity.TraceId.ToHexString());
                w.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (exception is not null)
            {
                var info = redactor.RedactException(exception);
                w.WriteStartObject("exception");
                w.WriteString("type", info.Type);
                w.WriteString("message", info.Message);
                w.WriteString("stackTrace", info.Details);
                w.WriteEndObject();
            }
        });
    }

    /// <summary>Written instead of an entry that could not be formatted: says so, carries none of its content.</summary>
    public string Fallback(string category, LogLevel level, EventId eventId, Exception failure) =>
        Write(category, level, eventId, w => w.WriteString("message", $"Log entry could not be formatted ({failure.GetType().Name})."));

    public string DroppedNotice(long count) =>
        Write(OwnCategory, LogLevel.Warning, new EventId(1, "LogLinesDropped"), w =>
        {
            w.WriteString("message", $"{count} log lines were dropped because the log output could not keep up.");
            w.WriteStartObject("properties");
            w.WriteNumber("droppedLines", count);
            w.WriteEndObject();
        });

    private string Write(string category, LogLevel level, EventId eventId, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", timeProvider.GetUtcNow().UtcDateTime);
            w.WriteString("level", level.ToString());
            w.WriteString("category", category);
            w.WriteNumber("eventId", eventId.Id);
            if (!string.IsNullOrEmpty(eventId.Name))
            {
                w.WriteString("eventName", eventId.Name);
            }

            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteScopes(Utf8JsonWriter w, IExternalScopeProvider? scopes)
    {
        if (scopes is null)
        {
            return;
        }

        var collected = (Pairs: new List<KeyValuePair<string, object?>>(), Messages: new List<string>(), Redactor: redactor);
        scopes.ForEachScope(static (scope, c) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                var before = c.Pairs.Count;
                foreach (var (key, value) in pairs)
                {
                    if (key != RedactedLogState.OriginalFormatKey)
                    {
                        c.Pairs.Add(new(key, c.Redactor.Redact(key, value)));
                    }
                }

                if (c.Pairs.Count == before)
                {
                    // BeginScope("text") arrives as a template without values: keep its (redacted) text.
                    c.Messages.Add(c.Redactor.Redact(scope.ToString() ?? string.Empty));
                }
            }
            else if (scope is not null)
            {
                c.Messages.Add(Convert.ToString(c.Redactor.Redact(string.Empty, scope), CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }, collected);

        WriteObject(w, "scopes", collected.Pairs);
        if (collected.Messages.Count > 0)
        {
            w.WriteStartArray("scopeMessages");
            collected.Messages.ForEach(w.WriteStringValue);
            w.WriteEndArray();
        }
    }

    // Later entries win on a repeated key (an inner scope overrides an outer one); JSON keys stay unique.
    private static void WriteObject(Utf8JsonWriter w, string name, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        w.WriteStartObject(name);
        JsonValueWriter.WriteEntries(w, entries);
        w.WriteEndObject();
    }
}
