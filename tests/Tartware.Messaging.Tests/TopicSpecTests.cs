using Shouldly;

namespace Tartware.Messaging.Tests;

public sealed class TopicSpecTests
{
    [Theory]
    [InlineData("reservations:12", "reservations", 12, 1)]
    [InlineData("billing.events_v1-dlq:1", "billing.events_v1-dlq", 1, 1)]
    [InlineData("folio:6:3", "folio", 6, 3)]
    public void Parse_reads_name_partitions_and_optional_replication_factor(string text, string name, int partitions, short replicationFactor)
    {
        var spec = TopicSpec.Parse(text);

        spec.ShouldBe(new TopicSpec(name, partitions, replicationFactor));
        TopicSpec.Parse(spec.ToString()).ShouldBe(spec);
    }

    [Theory]
    [InlineData("reservations", "must look like 'name:partitions'")]
    [InlineData("a:1:1:1", "must look like 'name:partitions'")]
    [InlineData("reservations:", "partitions '' must be a whole number")]
    [InlineData("reservations:0", "partitions '0' must be a whole number of at least 1")]
    [InlineData("reservations:-3", "partitions '-3'")]
    [InlineData("reservations:two", "partitions 'two'")]
    [InlineData("reservations:3:0", "replication factor '0'")]
    [InlineData(":3", "is not a legal Kafka topic name")]
    [InlineData("room types:3", "'room types' is not a legal Kafka topic name")]
    [InlineData("..:3", "is not a legal Kafka topic name")]
    public void Parse_rejects_malformed_specs_with_a_message_naming_the_problem(string text, string expected)
    {
        var ex = Should.Throw<FormatException>(() => TopicSpec.Parse(text));

        ex.Message.ShouldContain(expected);
        ex.Message.ShouldContain($"'{text}'");
    }

    [Fact]
    public void Names_longer_than_Kafka_allows_are_rejected()
    {
        Should.Throw<FormatException>(() => TopicSpec.Parse(new string('t', TopicSpec.MaxNameLength + 1) + ":1"));
        TopicSpec.Parse(new string('t', TopicSpec.MaxNameLength) + ":1").Name.Length.ShouldBe(TopicSpec.MaxNameLength);
    }

    [Fact]
    public void Null_is_an_argument_error() =>
        Should.Throw<ArgumentNullException>(() => TopicSpec.Parse(null!));
}
