using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Tartware.Identity.Keys;

/// <summary>
/// Stores the Data Protection key ring in PostgreSQL so every process of a deployment can unprotect
/// what another protected (signing keys, MFA secrets). The key XML is itself encrypted at rest only
/// if a key-encryption option is configured; database access control is the boundary here.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    // IXmlRepository is synchronous by contract; these calls run at startup and on key rotation only.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("select xml from identity.data_protection_keys order by created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand(
            "insert into identity.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
