using System.Text;
using System.Text.Json;
using Shouldly;

namespace Tartware.ServiceDefaults.Tests.Logging.Support;

internal static class LogJson
{
    /// <summary>Parses a log line; throws (failing the test) when it is not one valid JSON object.</summary>
    public static JsonElement Parse(string line)
    {
        line.ShouldNotContain('\n');
        using var document = JsonDocument.Parse(line);
        document.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts no raw value appears in the line, neither as written nor after JSON unescaping.</summary>
    public static void ShouldNotLeak(this string line, params string[] rawValues)
    {
        var decoded = AllText(Parse(line));
        foreach (var raw in rawValues)
        {
            line.ShouldNotContain(raw, Case.Insensitive, $"'{raw}' leaked into: {line}");
            decoded.ShouldNotContain(raw, Case.Insensitive, $"'{raw}' leaked (decoded) into: {line}");
        }
    }

    public static string Property(this JsonElement json, string name) => json.GetProperty("properties").GetProperty(name).ToString();

    public static string Message(this JsonElement json) => json.GetProperty("message").GetString()!;

    private static string AllText(JsonElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        return text.ToString();
    }

    private static void Append(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    text.Append(property.Name).Append('\n');
                    Append(property.Value, text);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Append(item, text);
                }

                break;
            default:
                text.Append(element.ToString()).Append('\n');
                break;
        }
    }
}
