using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.ServiceDefaults.Endpoints;

/// <summary>
/// Runs the registered FluentValidation validator of a request body before the handler, so a handler
/// only ever sees valid input and a bad request gets a 400 problem listing every invalid field.
/// </summary>
public static class ValidationFilter
{
    /// <summary>Validates the <typeparamref name="TRequest"/> argument with its <see cref="IValidator{T}"/>.</summary>
    public static TBuilder Validate<TBuilder, TRequest>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var validator = context.HttpContext.RequestServices.GetService<IValidator<TRequest>>()
                ?? throw new InvalidOperationException($"No IValidator<{typeof(TRequest).Name}> is registered.");
            var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
            if (request is null)
            {
                throw ValidationFailedException.For("body", "A request body is required.");
            }

            var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                var errors = result.Errors
                    .GroupBy(e => CamelCasePath(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
                throw new ValidationFailedException(errors);
            }

            return await next(context);
        });
        return builder;
    }

    // "Guest.FirstName" -> "guest.firstName", matching the JSON the client sent.
    private static string CamelCasePath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
