using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Identity.Users;

/// <summary>/v1/users: a tenant's ADMIN and OWNER manage the staff accounts of their own tenant.</summary>
internal static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/v1/users").WithTags("Users").RequirePermission("users.manage")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        users.MapGet("/", ListAsync).WithSummary("List the tenant's users (keyset pagination by username)").ProducesProblem(400);
        users.MapPost("/", CreateAsync).WithSummary("Create a user with a membership in this tenant")
            .ProducesProblem(400).ProducesProblem(409);
        users.MapGet("/{id:guid}", GetAsync).WithSummary("One user of this tenant").ProducesProblem(404);
        users.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a user's email, display name or status")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        users.MapPost("/{id:guid}/reset-password", ResetPasswordAsync)
            .WithSummary("Set a new password (generated when none is sent) and end the user's sessions")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        users.MapPut("/{id:guid}/membership", SetMembershipAsync).WithSummary("Set the user's role, property scope and active window")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<UserPage>> ListAsync(UserAdministration admin, int? limit, string? after, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(limit ?? 50, after, cancellationToken));

    private static async Task<Created<UserCreated>> CreateAsync(CreateUserRequest request, UserAdministration admin, CancellationToken cancellationToken)
    {
        var created = await admin.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/v1/users/{created.User.Id}", created);
    }

    private static async Task<Ok<UserResponse>> GetAsync(Guid id, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetAsync(id, cancellationToken));

    private static async Task<Ok<UserResponse>> UpdateAsync(Guid id, UpdateUserRequest request, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.UpdateAsync(id, request, cancellationToken));

    private static async Task<Ok<UserCreated>> ResetPasswordAsync(
        Guid id, ResetPasswordRequest request, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ResetPasswordAsync(id, request, cancellationToken));

    private static async Task<Ok<UserResponse>> SetMembershipAsync(
        Guid id, MembershipRequest request, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.SetMembershipAsync(id, request, cancellationToken));
}
