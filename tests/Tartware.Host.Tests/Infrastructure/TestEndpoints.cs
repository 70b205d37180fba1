using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Endpoints;
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
        group.MapPost("/validated", (EchoRequest request) => TypedResults.Ok(request)).Validate<RouteHandlerBuilder, EchoRequest>();
        group.MapGet("/items", (int limit) => TypedResults.Ok(new { limit }));
        group.MapGet("/throw/{kind}", IResult (string kind) => throw (kind switch
        {
            "not-found" => new NotFoundException("reservation", "R-1"),
            "conflict" => new ConflictException("Room 101 is already assigned for 2026-12-01."),
            "rule" => new BusinessRuleException("The rate plan does not allow a 1-night stay."),
            "validation" => ValidationFailedException.For("arrival", "must be before departure"),
            "forbidden" => new ForbiddenException(),
            _ => (Exception)new InvalidOperationException(SecretDetail),
        }));
    }

    public sealed record EchoRequest(string Name, int Count);

    public sealed class EchoValidator : AbstractValidator<EchoRequest>
    {
        public EchoValidator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(20);
            RuleFor(r => r.Count).InclusiveBetween(1, 10);
        }
    }
}
