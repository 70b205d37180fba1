using Npgsql;
using Tartware.ServiceDefaults.Migrations;

namespace Tartware.Host.Tests;

public sealed class MigrationRunnerTests
{
    private static ModuleMigrations Module(params (int Version, string Sql)[] scripts) => new(
        "sample", "sample", 10, [.. scripts.Select(s => new MigrationScript("sample", s.Version, $"step_{s.Version}", s.Sql))]);

    private const string CreateTable = "create table sample.things (id int primary key, tenant_id uuid not null);";

    [Fact]
    public async Task Applies_in_order_records_the_journal_and_applies_nothing_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.OwnerConnectionString, "tartware_app");
        var module = Module((1, CreateTable), (2, "alter table sample.things add column name text;"));

        var first = await runner.RunAsync([module], dryRun: false, TestContext.Current.CancellationToken);
        first.Select(o => o.Action).ShouldBe([MigrationAction.Applied, MigrationAction.Applied]);

        var second = await runner.RunAsync([module], dryRun: false, TestContext.Current.CancellationToken);
        second.ShouldAllBe(o => o.Action == MigrationAction.AlreadyApplied);
        (await ScalarAsync<long>(database.OwnerConnectionString, "select count(*) from tartware_meta.schema_migrations")).ShouldBe(2);
    }

    [Fact]
    public async Task Refuses_a_script_edited_after_it_was_applied()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.OwnerConnectionString, "tartware_app");
        await runner.RunAsync([Module((1, CreateTable))], dryRun: false, TestContext.Current.CancellationToken);

        var edited = Module((1, CreateTable.Replace("int primary key", "bigint primary key", StringComparison.Ordinal)));
        var error = await Should.ThrowAsync<MigrationException>(() => runner.RunAsync([edited], false, TestContext.Current.CancellationToken));
        error.Message.ShouldContain("sample/0001_step_1.sql was edited after it was applied");
    }

    [Fact]
    public async Task Dry_run_lists_pending_scripts_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.OwnerConnectionString, "tartware_app");
        var outcomes = await runner.RunAsync([Module((1, CreateTable))], dryRun: true, TestContext.Current.CancellationToken);
        outcomes.Single().Action.ShouldBe(MigrationAction.Pending);
        (await ScalarAsync<bool>(database.OwnerConnectionString, "select to_regclass('sample.things') is null")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_script_leaves_no_partial_change_and_names_the_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.OwnerConnectionString, "tartware_app");
        var broken = Module((1, CreateTable + " select * from no_such_table;"));
        var error = await Should.ThrowAsync<MigrationException>(() => runner.RunAsync([broken], false, TestContext.Current.CancellationToken));
        error.Message.ShouldContain("sample/0001_step_1.sql failed: 42P01");
        (await ScalarAsync<bool>(database.OwnerConnectionString, "select to_regclass('sample.things') is null")).ShouldBeTrue();
    }

    [Fact]
    public async Task Concurrent_migrators_queue_on_the_advisory_lock_and_apply_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var module = Module((1, CreateTable + " select pg_sleep(0.3);"), (2, "alter table sample.things add column name text;"));
        var runs = Enumerable.Range(0, 3)
            .Select(_ => new MigrationRunner(database.OwnerConnectionString, "tartware_app").RunAsync([module], false, TestContext.Current.CancellationToken))
            .ToList();
        var results = await Task.WhenAll(runs);
        results.SelectMany(r => r).Count(o => o.Action == MigrationAction.Applied).ShouldBe(2);
        (await ScalarAsync<long>(database.OwnerConnectionString, "select count(*) from tartware_meta.schema_migrations")).ShouldBe(2);
    }

    [Fact]
    public async Task Grants_the_app_role_data_access_but_not_ownership()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.OwnerConnectionString, "tartware_app");
        await runner.RunAsync([Module((1, CreateTable))], false, TestContext.Current.CancellationToken);

        (await ScalarAsync<int>(database.AppConnectionString, "insert into sample.things values (1, gen_random_uuid()) returning id")).ShouldBe(1);
        var error = await Should.ThrowAsync<PostgresException>(() => ScalarAsync<object>(database.AppConnectionString, "drop table sample.things"));
        error.SqlState.ShouldBe("42501"); // insufficient_privilege
    }

    [Fact]
    public async Task Refuses_to_run_when_the_app_role_is_missing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = new MigrationRunner(database.OwnerConnectionString, "no_such_role");
        var error = await Should.ThrowAsync<MigrationException>(() => runner.RunAsync([Module((1, CreateTable))], false, TestContext.Current.CancellationToken));
        error.Message.ShouldContain("'no_such_role' does not exist");
    }

    [Fact]
    public void Script_names_must_be_versioned()
    {
        MigrationScript.TryCreate("m", "0007_add_rooms.sql", "select 1")!.Version.ShouldBe(7);
        MigrationScript.TryCreate("m", "add_rooms.sql", "select 1").ShouldBeNull();
        MigrationScript.TryCreate("m", "0007_Add Rooms.sql", "select 1").ShouldBeNull();
    }

    [Fact]
    public void Platform_scripts_are_embedded()
    {
        var scripts = MigrationScript.FromAssembly("platform", typeof(MigrationRunner).Assembly, "Migrations/Platform");
        scripts.Select(s => s.ToString()).ShouldContain("platform/0001_extensions.sql");
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
