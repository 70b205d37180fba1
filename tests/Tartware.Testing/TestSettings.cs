using Npgsql;

namespace Tartware.Testing;

/// <summary>
/// Connection settings for the real PostgreSQL, Redis and dev broker that scripts/test.sh starts
/// and exports (the same TARTWARE__ variables the platform reads). Tests never start their own.
/// </summary>
public static class TestSettings
{
    /// <summary>tartware_app on the migrated shared test database.</summary>
    public static string AppConnectionString => Require("TARTWARE__Database__ConnectionString");

    /// <summary>The owner role (may create scratch databases in the test profile).</summary>
    public static string OwnerConnectionString => Require("TARTWARE__Database__MigrationConnectionString");

    /// <summary>StackExchange.Redis configuration string.</summary>
    public static string RedisConfiguration => Require("TARTWARE__Redis__Configuration");

    /// <summary>Bootstrap list of the dev broker.</summary>
    public static string KafkaBootstrapServers => Require("TARTWARE__Kafka__BootstrapServers");

    /// <summary>The same connection string pointed at another database.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests through scripts/test.sh, which starts PostgreSQL, Redis and the " +
                "dev broker and exports their settings.");
}
