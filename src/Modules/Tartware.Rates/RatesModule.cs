using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Properties;
using Tartware.Contracts.Rates;
using Tartware.Rates.Calendar;
using Tartware.Rates.Fallbacks;
using Tartware.Rates.Plans;
using Tartware.Rates.Policy;
using Tartware.Rates.Quotes;
using Tartware.Rates.Setup;
using Tartware.ServiceDefaults.Migrations;

namespace Tartware.Rates;

/// <summary>The Rates module: rate plans, calendar, restrictions, quotes and the BAR/RACK fallback (schema <c>rates</c>).</summary>
public static class RatesModule
{
    /// <summary>Registers the module's services, its migrations, its setup participant and its façades.</summary>
    public static IServiceCollection AddRatesModule(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddModuleMigrations("rates", "rates", order: 30, typeof(RatesModule).Assembly);
        services.AddSingleton<IPropertySetupParticipant, BarRackSetup>();
        services.AddSingleton<QuoteEngine>();
        services.AddSingleton<IRateQuoting>(sp => sp.GetRequiredService<QuoteEngine>());
        services.AddSingleton<ReRating>();
        services.AddSingleton<IRateReRating>(sp => sp.GetRequiredService<ReRating>());
        services.AddScoped<RatePlanService>();
        services.AddScoped<CalendarService>();
        services.AddScoped<PolicyService>();
        services.AddScoped<FallbackStats>();
        return services;
    }

    /// <summary>Maps the /v1 rate endpoints.</summary>
    public static IEndpointRouteBuilder MapRatesModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRatePlansApi();
        endpoints.MapCalendarApi();
        endpoints.MapQuoteApi();
        endpoints.MapPolicyApi();
        endpoints.MapFallbacksApi();
        return endpoints;
    }
}
