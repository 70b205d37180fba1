using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Migrations;

namespace Tartware.Host.Tests;

/// <summary>The unit of work sets the tenant for forced row-level security; the app role cannot escape it.</summary>
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private const string RlsTable = """
        create table rls.notes (id uuid primary key default gen_random_uuid(), tenant_id uuid not null, body text not null);
        alter table rls.notes enable row level security;
        alter table rls.notes force row level security;
        create policy tenant_isolation on rls.notes
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
        """;

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private IUnitOfWorkFactory _units = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new MigrationRunner(_database.OwnerConnectionString, "tartware_app").RunAsync(
            [new ModuleMigrations("rls", "rls", 1, [new MigrationScript("rls", 1, "notes", RlsTable)])], false);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTartwareDatabase(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = _database.AppConnectionString })
            .Build());
        _services = services.BuildServiceProvider();
        _units = _services.GetRequiredService<IUnitOfWorkFactory>();
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_rows()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await InsertAsync(a, "a-note");
        await InsertAsync(b, "b-note");

        (await BodiesAsync(a)).ShouldBe(["a-note"]);
        (await BodiesAsync(b)).ShouldBe(["b-note"]);
    }

    [Fact]
    public async Task Without_a_tenant_no_rows_are_visible()
    {
        await InsertAsync(Guid.NewGuid(), "hidden");
        await using var unit = await _units.BeginWithoutTenantAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select count(*) from rls.notes", unit.Connection, unit.Transaction);
        ((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBe(0);
    }

    [Fact]
    public async Task Writing_another_tenants_row_is_refused()
    {
        await using var unit = await _units.BeginAsync(Guid.NewGuid(), TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("insert into rls.notes (tenant_id, body) values ($1, 'x')", unit.Connection, unit.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        error.SqlState.ShouldBe("42501"); // new row violates row-level security policy
    }

    [Fact]
    public async Task The_app_role_cannot_switch_rls_off()
    {
        await using var unit = await _units.BeginAsync(Guid.NewGuid(), TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("alter table rls.notes no force row level security", unit.Connection, unit.Transaction);
        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        error.SqlState.ShouldBe("42501"); // must be owner
    }

    [Fact]
    public async Task Dispose_without_commit_rolls_back()
    {
        var tenant = Guid.NewGuid();
        await using (var unit = await _units.BeginAsync(tenant, TestContext.Current.CancellationToken))
        {
            await using var command = new NpgsqlCommand("insert into rls.notes (tenant_id, body) values ($1, 'lost')", unit.Connection, unit.Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        (await BodiesAsync(tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_tenant_setting_does_not_leak_to_the_next_unit_on_a_pooled_connection()
    {
        var tenant = Guid.NewGuid();
        await InsertAsync(tenant, "mine");
        for (var i = 0; i < 5; i++)
        {
            await using var unit = await _units.BeginWithoutTenantAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("select coalesce(current_setting('app.tenant_id', true), '')", unit.Connection, unit.Transaction);
            ((string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBeEmpty();
        }
    }

    private async Task InsertAsync(Guid tenant, string body)
    {
        await using var unit = await _units.BeginAsync(tenant, TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("insert into rls.notes (tenant_id, body) values ($1, $2)", unit.Connection, unit.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await unit.CommitAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> BodiesAsync(Guid tenant)
    {
        await using var unit = await _units.BeginAsync(tenant, TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select body from rls.notes order by body", unit.Connection, unit.Transaction);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var bodies = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            bodies.Add(reader.GetString(0));
        }

        return bodies;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
