using System.Globalization;

namespace Tartware.Messaging;

/// <summary>
/// A topic to provision: its name, partition count and replication factor. Written in configuration
/// and on the command line as <c>name:partitions</c> or <c>name:partitions:replicationFactor</c>.
/// </summary>
public sealed record TopicSpec
{
    /// <summary>Kafka's own limit on topic name length.</summary>
    public const int MaxNameLength = 249;

    /// <summary>Creates a spec, validating the name (Kafka's legal characters) and the counts.</summary>
    /// <exception cref="ArgumentException">The name is not a legal Kafka topic name or a count is below 1.</exception>
    public TopicSpec(string name, int partitions, short replicationFactor = 1)
    {
        if (!IsLegalName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a legal Kafka topic name: use 1-{MaxNameLength} characters from [a-zA-Z0-9._-], not '.' or '..'.",
                nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, (short)1);
        Name = name;
        Partitions = partitions;
        ReplicationFactor = replicationFactor;
    }

    /// <summary>Topic name.</summary>
    public string Name { get; }

    /// <summary>Partition count (at least 1); it bounds consumer parallelism and per-key ordering scope.</summary>
    public int Partitions { get; }

    /// <summary>Replication factor (at least 1); production clusters want 3.</summary>
    public short ReplicationFactor { get; }

    /// <summary>Parses <c>name:partitions</c> or <c>name:partitions:replicationFactor</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The text does not have that shape, or the name or a count is invalid.</exception>
    public static TopicSpec Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException($"Topic spec '{value}' must look like 'name:partitions' or 'name:partitions:replicationFactor'.");
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) || partitions < 1)
        {
            throw new FormatException($"Topic spec '{value}': partitions '{parts[1]}' must be a whole number of at least 1.");
        }

        short replicationFactor = 1;
        if (parts.Length == 3
            && (!short.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out replicationFactor) || replicationFactor < 1))
        {
            throw new FormatException($"Topic spec '{value}': replication factor '{parts[2]}' must be a whole number of at least 1.");
        }

        try
        {
            return new TopicSpec(parts[0], partitions, replicationFactor);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Topic spec '{value}': {ex.Message}", ex);
        }
    }

    /// <summary>The <c>name:partitions:replicationFactor</c> form, which <see cref="Parse"/> reads back.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}:{Partitions}:{ReplicationFactor}");

    private static bool IsLegalName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxNameLength
        && name is not ("." or "..")
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
