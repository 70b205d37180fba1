using System.Text.Json;

namespace Tartware.Properties.Common;

/// <summary>A postal address (properties and guests). Stored as jsonb; <c>country</c> is ISO 3166-1 alpha-2.</summary>
internal sealed record Address(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Address? Normalize(FieldErrors errors, string prefix, Address? address)
    {
        if (address is null)
        {
            return null;
        }

        var country = address.Country?.Trim().ToUpperInvariant();
        if (country is not null && !IsoCodes.Countries.Contains(country))
        {
            errors.Add(prefix + ".country", "must be an ISO 3166-1 alpha-2 country code");
        }

        return new Address(
            errors.Text(prefix + ".line1", address.Line1, 200, false),
            errors.Text(prefix + ".line2", address.Line2, 200, false),
            errors.Text(prefix + ".city", address.City, 100, false),
            errors.Text(prefix + ".region", address.Region, 100, false),
            errors.Text(prefix + ".postalCode", address.PostalCode, 20, false),
            country);
    }

    public static string? ToJson(Address? address) => address is null ? null : JsonSerializer.Serialize(address, Json);

    public static Address? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<Address>(json, Json);
}
