using Tartware.Host.Cli;

namespace Tartware.Host.Tests;

public sealed class CliTests
{
    [Theory]
    [InlineData("--help", "serve")]
    [InlineData("serve --help", "--roles")]
    [InlineData("migrate --help", "--dry-run")]
    [InlineData("dev-broker --help", "--topic")]
    public async Task Every_verb_has_help(string args, string expected)
    {
        var (code, output, _) = await RunAsync(args.Split(' '));
        code.ShouldBe(0);
        output.ShouldContain(expected);
    }

    [Fact]
    public async Task Unknown_verb_fails_with_a_message()
    {
        var (code, _, error) = await RunAsync("frobnicate");
        code.ShouldNotBe(0);
        error.ShouldContain("frobnicate");
    }

    [Fact]
    public async Task Serve_with_unknown_role_fails_naming_the_known_roles()
    {
        var (code, _, error) = await RunAsync("serve", "--roles", "api,chef", "--urls", "http://127.0.0.1:0");
        code.ShouldBe(2);
        error.ShouldContain("chef");
        error.ShouldContain("Known roles: all, api");
    }

    [Fact]
    public async Task Serve_with_invalid_setting_fails_naming_the_key()
    {
        var (code, _, error) = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--set", "Http:MaxRequestBodyBytes=12");
        code.ShouldBe(2);
        error.ShouldContain("'Http:MaxRequestBodyBytes'");
        error.ShouldContain("TARTWARE__Http__MaxRequestBodyBytes");
    }

    [Fact]
    public async Task Serve_with_the_owner_role_refuses_to_start()
    {
        var (code, _, error) = await RunAsync(
            "serve", "--urls", "http://127.0.0.1:0", "--set", "Database:ConnectionString=" + TestSettings.OwnerConnectionString);
        code.ShouldBe(2);
        error.ShouldContain("owns the database");
    }

    [Fact]
    public async Task Dev_broker_rejects_a_malformed_topic()
    {
        var (code, _, error) = await RunAsync("dev-broker", "--topic", "orders");
        code.ShouldBe(2);
        error.ShouldContain("orders");
    }

    [Fact]
    public async Task Migrate_twice_applies_nothing_the_second_time()
    {
        await using var database = await TestDatabase.CreateAsync();
        var set = "Database:MigrationConnectionString=" + database.OwnerConnectionString;

        var (dryCode, dryOutput, _) = await RunAsync("migrate", "--dry-run", "--set", set);
        dryCode.ShouldBe(0);
        dryOutput.ShouldContain("pending  platform/0001_extensions.sql");

        var (first, firstOutput, firstError) = await RunAsync("migrate", "--set", set);
        first.ShouldBe(0, firstError);
        firstOutput.ShouldContain("applied  platform/0001_extensions.sql");

        var (second, secondOutput, _) = await RunAsync("migrate", "--set", set);
        second.ShouldBe(0);
        secondOutput.ShouldNotContain("applied  ");
        secondOutput.ShouldContain("0 applied");
    }

    [Fact]
    public async Task Tenant_create_prints_ids_and_a_generated_password_once_and_refuses_a_duplicate()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        string[] args = ["tenant", "create", "--name", "Cli Hotels", "--slug", "cli-" + id, "--type", "CHAIN",
            "--owner-username", "cli-" + id, "--owner-email", $"cli-{id}@example.test"];

        var (code, output, error) = await RunAsync(args);
        code.ShouldBe(0, error);
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        json.GetProperty("tenantId").GetGuid().ShouldNotBe(Guid.Empty);
        json.GetProperty("ownerUserId").GetGuid().ShouldNotBe(Guid.Empty);
        json.GetProperty("ownerPassword").GetString()!.Length.ShouldBe(20);

        var (again, _, againError) = await RunAsync(args);
        again.ShouldBe(3);
        againError.ShouldContain("tenant-slug-taken");
    }

    [Fact]
    public async Task Tenant_create_with_bad_fields_names_them()
    {
        var (code, _, error) = await RunAsync("tenant", "create", "--name", "X", "--slug", "Bad Slug", "--type", "HOSTEL",
            "--owner-username", "ok-user", "--owner-email", "ok@example.test", "--owner-password", "short");
        code.ShouldBe(2);
        error.ShouldContain("slug");
        error.ShouldContain("type");
        error.ShouldContain("ownerPassword");
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TartwareCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
