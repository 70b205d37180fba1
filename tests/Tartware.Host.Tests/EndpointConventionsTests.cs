using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tartware.ServiceDefaults.Endpoints;

namespace Tartware.Host.Tests;

public sealed class EndpointConventionsTests
{
    [Fact]
    public void Startup_fails_for_an_endpoint_without_permission_or_anonymous_marker()
    {
        var error = Should.Throw<InvalidOperationException>(() => Build(app =>
            app.MapGet("/v1/undeclared", () => "x").WithSummary("s").WithTags("t")));
        error.Message.ShouldContain("GET /v1/undeclared: declares neither RequirePermission(...) nor AllowAnonymous()");
    }

    [Fact]
    public void Startup_fails_for_a_documented_endpoint_without_summary_or_tags()
    {
        var error = Should.Throw<InvalidOperationException>(() => Build(app =>
            app.MapGet("/v1/undocumented", () => "x").RequirePermission("things.read")));
        error.Message.ShouldContain("GET /v1/undocumented: has no summary");
        error.Message.ShouldContain("GET /v1/undocumented: has no tags");
    }

    [Fact]
    public void A_fully_declared_endpoint_passes()
    {
        using var app = Build(app => app.MapGet("/v1/declared", () => "x").RequirePermission("things.read").WithSummary("s").WithTags("t"));
        app.ShouldNotBeNull();
    }

    private static WebApplication Build(Action<WebApplication> map) =>
        TartwareApp.Build(TartwareApp.CreateBuilder(new HostSettings([], Urls: "http://127.0.0.1:0")), map);
}
