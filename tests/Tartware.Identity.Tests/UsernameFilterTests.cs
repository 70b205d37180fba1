using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Identity.Security;
using Tartware.Identity.Tests.Infrastructure;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Caching;
using Tartware.Testing;
using Xunit;

namespace Tartware.Identity.Tests;

[Collection(IdentityHostCollection.Name)]
public sealed class UsernameFilterTests(IdentityHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UsernameFilter Filter => host.Services.GetRequiredService<UsernameFilter>();

    [Fact]
    public async Task After_a_rebuild_unknown_names_are_absent_and_new_users_are_present_at_once()
    {
        await Filter.RebuildAsync(Ct);
        var (_, owner) = await host.NewTenantAsync();
        (await AnsweredAsync(owner)).ShouldBe(BloomLookup.MaybePresent);

        var absent = 0;
        for (var i = 0; i < 20; i++)
        {
            absent += await AnsweredAsync("nobody-" + Guid.NewGuid().ToString("N")) == BloomLookup.Absent ? 1 : 0;
        }

        absent.ShouldBeGreaterThanOrEqualTo(15); // sized for 1 % false positives
        (await host.LoginAsync(owner)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_whose_add_was_lost_is_refused_until_the_sync_repairs_the_filter()
    {
        await Filter.RebuildAsync(Ct);
        var (tenant, _) = await host.NewTenantAsync();
        // Written behind the platform's back, as if the add after commit had failed with Redis away.
        var username = "lost-" + Guid.NewGuid().ToString("N")[..10];
        var hash = host.Services.GetRequiredService<PasswordHashing>().Hash(PlatformHost.Password);
        var userId = Guid.NewGuid();
        await Testing.TenantSql.ExecuteAsTenantAsync(tenant.TenantId, """
            insert into identity.users (id, username, email, password_hash) values ($1, $2, $3, $4)
            """, userId, username, username + "@example.test", hash);
        await Testing.TenantSql.ExecuteAsTenantAsync(tenant.TenantId, "insert into identity.memberships (tenant_id, user_id, role) values ($1, $2, 'STAFF')",
            tenant.TenantId, userId);

        (await AnsweredAsync(username)).ShouldBe(BloomLookup.Absent);
        // Refused without a query while the filter answers (with the cache circuit open it would ask PostgreSQL).
        await Eventually.HoldsAsync(async () => (await host.LoginAsync(username)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(20), "login is refused by the filter");

        (await Filter.SyncCreatedSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-5), Ct)).ShouldBeGreaterThanOrEqualTo(1);
        (await host.LoginAsync(username)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// The filter's answer once Redis answers: under a loaded test run a slow reply opens the cache's
    /// circuit for a few seconds, and the filter then rightly says Unknown (skip the layer).
    /// </summary>
    private async Task<BloomLookup> AnsweredAsync(string username)
    {
        var answer = BloomLookup.Unknown;
        await Eventually.HoldsAsync(async () => (answer = await Filter.LookupAsync(username, Ct)) != BloomLookup.Unknown,
            TimeSpan.FromSeconds(20), "the username filter answers");
        return answer;
    }

    [Fact]
    public async Task Cache_rebuild_verb_swaps_in_a_new_version_and_readiness_names_the_filter()
    {
        var before = (await Filter.StatsAsync(Ct))?.Version ?? 0;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Host.Cli.TartwareCli.InvokeAsync(["cache", "rebuild"], output, error, Ct);
        exit.ShouldBe(0, error.ToString());
        var result = JsonDocument.Parse(output.ToString()).RootElement;
        result.GetProperty("filter").GetString().ShouldBe("usernames");
        result.GetProperty("version").GetInt64().ShouldBeGreaterThan(before);
        result.GetProperty("items").GetInt64().ShouldBeGreaterThan(0);

        var ready = JsonDocument.Parse(await host.Client.GetStringAsync("/health/ready", Ct)).RootElement.GetRawText();
        ready.ShouldContain("bloom:usernames");
    }
}
