using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Host.Tests.Infrastructure;

/// <summary>Endpoints that exercise the shared pipeline (binding, errors) before modules exist.</summary>
internal static class TestEndpoints
{
    public const string SecretDetail = "db password is hunter2 at 10.0.0.7";

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/_test").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/echo", (EchoRequest request) => TypedResults.Ok(request));
        group.MapGet("/items", (int limit) => TypedResults.Ok(new { limit }));
        group.MapGet("/throw/{kind}", (string kind) => kind switch
        {
            "not-found" => throw new NotFoundException("reservation", "R-1"),
            "conflict" => throw new ConflictException("Room 101 is already assigned for 2026-12-01."),
            "rule" => throw new BusinessRuleException("The rate plan does not allow a 1-night stay."),
            "validation" => throw ValidationFailedException.For("arrival", "must be before departure"),
            "forbidden" => throw new ForbiddenException(),
            _ => throw new InvalidOperationException(SecretDetail),
        });
    }

    public sealed record EchoRequest(string Name, int Count);
}
