using System.CommandLine;
using System.Text.Json;
using Tartware.Contracts.Identity;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Host.Cli;

/// <summary><c>tartware tenant create</c>: onboard a hotel company and its owner without a platform admin.</summary>
internal static class TenantCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Company name", Required = true };
        var slug = new Option<string>("--slug") { Description = "Unique URL-safe id, e.g. harbour-hotels", Required = true };
        var type = new Option<string>("--type") { Description = "INDEPENDENT, CHAIN, FRANCHISE or MANAGEMENT_COMPANY", DefaultValueFactory = _ => "INDEPENDENT" };
        var username = new Option<string>("--owner-username") { Description = "Owner's username", Required = true };
        var email = new Option<string>("--owner-email") { Description = "Owner's email", Required = true };
        var password = new Option<string?>("--owner-password") { Description = "Owner's password (generated and printed once when omitted)" };
        var set = TartwareCli.SetOption();
        var create = new Command("create", "Create a tenant and its owner in one transaction; prints {\"tenantId\", \"ownerUserId\"} as JSON.")
        {
            name, slug, type, username, email, password, set,
        };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = TartwareApp.CreateBuilder(new HostSettings([], Overrides: TartwareCli.ParseOverrides(parse.GetValue(set)))).Build();
            var provisioning = app.Services.GetRequiredService<ITenantProvisioning>();
            try
            {
                var created = await provisioning.CreateTenantAsync(
                    new TenantProvisioningRequest(parse.GetValue(name)!, parse.GetValue(slug)!, parse.GetValue(type)!,
                        parse.GetValue(username)!, parse.GetValue(email)!, parse.GetValue(password)),
                    cancellationToken);
                object result = created.GeneratedPassword is null
                    ? new { created.TenantId, created.OwnerUserId }
                    : new { created.TenantId, created.OwnerUserId, OwnerPassword = created.GeneratedPassword };
                await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return 0;
            }
            catch (TartwareProblemException ex)
            {
                var details = ex is ValidationFailedException v
                    ? ": " + string.Join("; ", v.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"))
                    : "";
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{ex.Code}: {ex.Message}{details}");
                return ex.Status == 409 ? 3 : 2;
            }
        });
        return new Command("tenant", "Tenant onboarding.") { create };
    }
}
