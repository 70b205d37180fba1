using Shouldly;
using Tartware.Identity.Tests.Infrastructure;
using Xunit;

namespace Tartware.Identity.Tests;

[Collection(IdentityHostCollection.Name)]
public sealed class TenancyTests(IdentityHost host)
{
    [Theory]
    [InlineData("identity.tenants")]
    [InlineData("identity.memberships")]
    [InlineData("identity.refresh_tokens")]
    public async Task Without_a_tenant_the_app_role_sees_no_rows(string table)
    {
        var (_, username) = await host.NewTenantAsync();
        await host.LoginOkAsync(username); // guarantees rows in every table
        (await Testing.TenantSql.CountWithoutTenantAsync(table)).ShouldBe(0);
    }

    [Fact]
    public async Task Every_tenant_table_of_every_module_forces_rls_and_shows_no_rows_without_a_tenant()
    {
        var (_, username) = await host.NewTenantAsync();
        await host.LoginOkAsync(username);
        var tables = await Testing.TenantSql.TenantTablesAsync();
        tables.ShouldContain("identity.memberships"); // the catalog query finds them
        foreach (var table in tables)
        {
            (await Testing.TenantSql.CountWithoutTenantAsync(table)).ShouldBe(0, table);
            (await ForcedAsync(table)).ShouldBeTrue($"{table} must ENABLE and FORCE row level security");
        }
    }

    private static async Task<bool> ForcedAsync(string table)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Testing.TestSettings.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select relrowsecurity and relforcerowsecurity from pg_class where oid = $1::regclass", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Tenant_create_refuses_a_taken_slug_and_writes_nothing()
    {
        var (tenant, _) = await host.NewTenantAsync();
        var provisioning = (Contracts.Identity.ITenantProvisioning)host.Services.GetService(typeof(Contracts.Identity.ITenantProvisioning))!;
        var slug = await SlugOfAsync(tenant.TenantId);
        var username = "late-" + Guid.NewGuid().ToString("N")[..8];
        var error = await Should.ThrowAsync<ServiceDefaults.Errors.ConflictException>(() => provisioning.CreateTenantAsync(
            new(slug, slug, "CHAIN", username, username + "@example.test", IdentityHost.Password)));
        error.Code.ShouldBe("tenant-slug-taken");
        var login = await host.LoginAsync(username);
        login.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized); // the owner was rolled back with the tenant
    }

    [Fact]
    public async Task Tenant_create_validates_every_field()
    {
        var provisioning = (Contracts.Identity.ITenantProvisioning)host.Services.GetService(typeof(Contracts.Identity.ITenantProvisioning))!;
        var error = await Should.ThrowAsync<ServiceDefaults.Errors.ValidationFailedException>(() => provisioning.CreateTenantAsync(
            new("", "Bad Slug!", "HOSTEL", "x", "not-an-email", "short")));
        error.Errors.Keys.ShouldBe(["name", "slug", "type", "ownerUsername", "ownerEmail", "ownerPassword"], ignoreOrder: true);
    }

    private static async Task<string> SlugOfAsync(Guid tenantId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Testing.TestSettings.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var set = new Npgsql.NpgsqlCommand($"select set_config('app.tenant_id', '{tenantId}', true)", connection, transaction);
        await set.ExecuteNonQueryAsync();
        await using var command = new Npgsql.NpgsqlCommand("select slug from identity.tenants where id = $1", connection, transaction);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenantId });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
