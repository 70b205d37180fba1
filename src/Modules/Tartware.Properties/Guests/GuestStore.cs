using System.Data.Common;
using System.Text.Json;
using Tartware.Properties.Common;

namespace Tartware.Properties.Guests;

/// <summary>SQL over inventory.guests. Search filters use the indexes of the migration; keyset by id (UUIDv7, creation order).</summary>
internal static class GuestStore
{
    private const string Select = """
        select id, first_name, last_name, email, phone, address::text, nationality, document_type, document_number, date_of_birth,
               vip_level, preferences::text, marketing_consent, blacklisted, blacklist_reason, version, created_at, updated_at
        from inventory.guests
        """;

    public static Task<GuestResponse?> FindAsync(DbTransaction transaction, Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where id = $1" + (forUpdate ? " for update" : "")).With(id).FirstOrDefaultAsync(Map, cancellationToken);

    public static Task<List<GuestResponse>> SearchAsync(
        DbTransaction transaction, string[]? nameTokens, string? email, string? phone, string? document, Guid? after, int limit,
        CancellationToken cancellationToken) =>
        transaction.Command(Select + """
             where ($1::text[] is null or (select bool_and(lower(first_name) like t || '%' escape '\' or lower(last_name) like t || '%' escape '\')
                                           from unnest($1::text[]) as t))
               and ($2::text is null or lower(email) = lower($2))
               and ($3::text is null or phone = $3)
               and ($4::text is null or document_number = $4)
               and ($5::uuid is null or id > $5)
             order by id limit $6
            """).With(nameTokens, email, phone, document, after, limit).ListAsync(Map, cancellationToken);

    /// <summary>Lower-cased name tokens with LIKE wildcards escaped.</summary>
    public static string[]? Tokens(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : [.. name.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal))];

    private static GuestResponse Map(DbDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.OptString(3), r.OptString(4), Address.FromJson(r.OptString(5)), r.OptString(6),
        r.OptString(7), r.OptString(8), r.Opt<DateOnly>(9), r.GetString(10),
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(11)) ?? [], r.GetBoolean(12), r.GetBoolean(13), r.OptString(14),
        r.GetInt32(15), r.GetFieldValue<DateTimeOffset>(16), r.GetFieldValue<DateTimeOffset>(17));
}
