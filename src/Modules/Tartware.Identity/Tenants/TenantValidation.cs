using System.Text.RegularExpressions;

namespace Tartware.Identity.Tenants;

/// <summary>Field rules for tenants and their first owner; messages name the JSON/flag field.</summary>
internal static partial class TenantValidation
{
    public static readonly string[] Types = ["INDEPENDENT", "CHAIN", "FRANCHISE", "MANAGEMENT_COMPANY"];
    public static readonly string[] Statuses = ["TRIAL", "ACTIVE", "SUSPENDED", "ARCHIVED"];

    public static Dictionary<string, string[]> Validate(TenantCreation request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            errors["name"] = ["must be 1-200 characters"];
        }

        if (!SlugPattern().IsMatch(request.Slug))
        {
            errors["slug"] = ["must be 1-63 lower-case letters, digits or hyphens, not starting or ending with a hyphen"];
        }

        if (!Types.Contains(request.Type))
        {
            errors["type"] = [$"must be one of {string.Join(", ", Types)}"];
        }

        if (!Statuses.Contains(request.Status))
        {
            errors["status"] = [$"must be one of {string.Join(", ", Statuses)}"];
        }

        AddUserErrors(errors, "owner", request.OwnerUsername, request.OwnerEmail);
        return errors;
    }

    public static void AddUserErrors(Dictionary<string, string[]> errors, string prefix, string username, string email)
    {
        var field = string.IsNullOrEmpty(prefix) ? "username" : prefix + "Username";
        if (!UsernamePattern().IsMatch(username.ToLowerInvariant()))
        {
            errors[field] = ["must be 3-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"];
        }

        var emailField = string.IsNullOrEmpty(prefix) ? "email" : prefix + "Email";
        if (email.Length > 254 || !EmailPattern().IsMatch(email.Trim()))
        {
            errors[emailField] = ["must be a valid email address"];
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
