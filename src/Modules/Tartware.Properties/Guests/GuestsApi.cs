using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;

namespace Tartware.Properties.Guests;

/// <summary>/v1/guests: tenant-wide guest profiles. Members read, STAFF create and edit (blacklisting needs a MANAGER).</summary>
internal static class GuestsApi
{
    public static void MapGuestsApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.Group("/v1/guests", "Guests", "guests.read");
        read.MapGet("/", SearchAsync).WithSummary("Search guests by name prefix, email, phone or document number (keyset pagination)")
            .ProducesProblem(400);
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One guest (ETag carries its version)").ProducesProblem(404);

        var write = endpoints.Group("/v1/guests", "Guests", "guests.write");
        write.MapPost("/", CreateAsync).WithSummary("Create a guest profile").ProducesProblem(400);
        write.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a guest profile (If-Match refuses a stale edit with 409)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<Page<GuestResponse>>> SearchAsync(
        GuestService service, string? name, string? email, string? phone, string? document, int? limit, string? after,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.SearchAsync(new GuestSearch(name, email, phone, document), limit, after, cancellationToken));

    private static async Task<Ok<GuestResponse>> GetAsync(Guid id, GuestService service, HttpContext context, CancellationToken cancellationToken)
    {
        var guest = await service.GetAsync(id, cancellationToken);
        context.SetETag(guest.Version);
        return TypedResults.Ok(guest);
    }

    private static async Task<Created<GuestResponse>> CreateAsync(GuestRequest request, GuestService service, HttpContext context, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(request, cancellationToken);
        context.SetETag(created.Version);
        return TypedResults.Created($"/v1/guests/{created.Id}", created);
    }

    private static async Task<Ok<GuestResponse>> UpdateAsync(
        Guid id, GuestRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, GuestService service, HttpContext context,
        CancellationToken cancellationToken)
    {
        var updated = await service.UpdateAsync(id, request, Versioning.Parse(ifMatch), cancellationToken);
        context.SetETag(updated.Version);
        return TypedResults.Ok(updated);
    }
}
