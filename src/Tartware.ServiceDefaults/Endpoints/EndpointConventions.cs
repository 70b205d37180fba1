using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Tartware.ServiceDefaults.Endpoints;

/// <summary>The permission an endpoint requires, e.g. <c>reservations.write</c>.</summary>
public sealed record PermissionMetadata(string Permission);

/// <summary>
/// Declarations every endpoint must make, checked at startup: a permission (or an explicit
/// anonymous marker) and, when it is part of the public API document, a summary and tags.
/// </summary>
public static class EndpointConventions
{
    /// <summary>Declares the permission an endpoint requires (enforced by the authorization layer).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        _ = Security.TenantRoles.RequiredRole(permission); // fails fast on a malformed permission name
        builder.WithMetadata(new PermissionMetadata(permission));
        builder.RequireAuthorization(Security.PermissionPolicyProvider.Prefix + permission);
        return builder;
    }

    /// <summary>Fails when an endpoint lacks the required declarations; names every offender.</summary>
    public static void Verify(IEnumerable<EndpointDataSource> dataSources)
    {
        var problems = new List<string>();
        foreach (var endpoint in dataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var name = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText}";
            var hasPermission = endpoint.Metadata.GetMetadata<PermissionMetadata>() is not null;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!hasPermission && !anonymous)
            {
                problems.Add($"{name}: declares neither RequirePermission(...) nor AllowAnonymous()");
            }

            var documented = endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true };
            if (documented && endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is null)
            {
                problems.Add($"{name}: has no summary (WithSummary) for the API document");
            }

            if (documented && endpoint.Metadata.GetMetadata<ITagsMetadata>() is null)
            {
                problems.Add($"{name}: has no tags (WithTags) for the API document");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Endpoint declarations are incomplete:\n  " + string.Join("\n  ", problems));
        }
    }
}
