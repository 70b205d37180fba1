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

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TartwareCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
