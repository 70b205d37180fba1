using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Tartware.Messaging;

/// <summary>
/// Reads <c>Kafka:Topics</c>, whose entries may be strings (<c>"reservations:12"</c>) or objects
/// (<c>{ "Name": "reservations", "Partitions": 12 }</c>). The configuration binder silently drops
/// collection items it cannot convert, so a typo would lose a topic; here every bad entry becomes a
/// validation failure naming its key.
/// </summary>
internal static class TopicsConfiguration
{
    public static void Read(IConfigurationSection topics, KafkaOptions options)
    {
        options.Topics.Clear();
        options.TopicErrors.Clear();
        foreach (var entry in topics.GetChildren())
        {
            try
            {
                options.Topics.Add(entry.Value is { } text ? TopicSpec.Parse(text.Trim()) : FromObject(entry));
            }
            catch (FormatException ex)
            {
                options.TopicErrors.Add($"{entry.Path}: {ex.Message}");
            }
        }
    }

    private static TopicSpec FromObject(IConfigurationSection entry)
    {
        var name = entry[nameof(TopicSpec.Name)] ?? string.Empty;
        var partitions = Number(entry, nameof(TopicSpec.Partitions), required: true);
        var replicationFactor = Number(entry, nameof(TopicSpec.ReplicationFactor), required: false) ?? 1;
        if (replicationFactor > short.MaxValue)
        {
            throw new FormatException($"ReplicationFactor {replicationFactor} is too large.");
        }

        try
        {
            return new TopicSpec(name, partitions!.Value, (short)replicationFactor);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static int? Number(IConfigurationSection entry, string key, bool required)
    {
        var text = entry[key];
        if (text is null && !required)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new FormatException($"{key} '{text}' must be a whole number of at least 1.");
    }
}
