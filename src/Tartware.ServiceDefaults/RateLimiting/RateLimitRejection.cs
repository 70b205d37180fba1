using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// The 429 answer: problem+json with code <c>rate-limited</c> and a <c>Retry-After</c> header in whole
/// seconds, rounded up (RFC 9110 §10.2.3, RFC 6585 §4). The body names the policy, never the partition
/// values (user, tenant or address).
/// </summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        var policy = (context.Lease as BucketLease)?.Policy
            ?? http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
            ?? "global";

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"Rate limit policy '{policy}' allows no more requests from this caller right now; retry after {seconds} s.",
            Type = ProblemTypes.UriFor(ProblemTypes.RateLimited),
        };
        problem.Extensions["code"] = ProblemTypes.RateLimited;
        problem.Extensions["retryAfterSeconds"] = seconds;

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
