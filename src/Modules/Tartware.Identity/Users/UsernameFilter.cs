using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Identity.Users;

/// <summary>
/// The first layer of username resolution (plan 2.1): a Bloom filter of every username in Redis
/// answers "no such user" without a database query. Usernames are stored lower-cased, so lookups
/// and adds use that form. A missing filter or an unreachable Redis makes the layer answer Unknown
/// and login asks PostgreSQL, so the filter can only save work, never refuse a real user — except
/// for a user whose add was lost, which <see cref="Maintenance.UsernameFilterJob"/> repairs on its next sync.
/// </summary>
internal sealed class UsernameFilter([FromKeyedServices(UsernameFilter.Name)] IBloomFilter filter, IUnitOfWorkFactory units)
{
    public const string Name = "usernames";

    private const int PageSize = 5000;

    public Task<BloomLookup> LookupAsync(string username, CancellationToken cancellationToken) =>
        filter.MightContainAsync(username, cancellationToken);

    /// <summary>Call after the user's row is committed (a build in progress then records it too).</summary>
    public Task<bool> AddAsync(string username, CancellationToken cancellationToken) => filter.AddAsync(username, cancellationToken);

    /// <summary>Builds a new version from the users table, page by page, and swaps it in atomically.</summary>
    public async Task<BloomBuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        long count;
        await using (var unit = await units.BeginWithoutTenantAsync(cancellationToken))
        {
            count = (long)(await unit.Command("select count(*) from identity.users").ExecuteScalarAsync(cancellationToken))!;
        }

        // Sized with headroom for the users who sign up before the next rebuild, so the false-positive
        // rate stays near the target all day (a filter sized for today's count saturates with growth).
        return await filter.BuildAsync(ReadAllAsync(cancellationToken), count + Math.Max(1000, count / 5), cancellationToken);
    }

    /// <summary>Re-adds users created since <paramref name="since"/>: repairs adds lost while Redis was away.</summary>
    public async Task<int> SyncCreatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var added = 0;
        await foreach (var username in ReadAllAsync(cancellationToken, since))
        {
            if (await filter.AddAsync(username, cancellationToken))
            {
                added++;
            }
        }

        return added;
    }

    public Task<BloomFilterStats?> StatsAsync(CancellationToken cancellationToken) => filter.GetStatsAsync(cancellationToken);

    // Keyset pages, each in its own short transaction, so a large table never holds one snapshot open.
    private async IAsyncEnumerable<string> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken, DateTimeOffset? since = null)
    {
        var after = "";
        while (true)
        {
            var page = new List<string>(PageSize);
            await using (var unit = await units.BeginWithoutTenantAsync(cancellationToken))
            {
                await using var command = unit.Command("""
                    select username from identity.users
                    where username > $1 and ($2::timestamptz is null or created_at >= $2)
                    order by username limit $3
                    """).With(after, since, PageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(reader.GetString(0));
                }
            }

            foreach (var username in page)
            {
                yield return username;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }
}

/// <summary>The operations façade over <see cref="UsernameFilter"/>.</summary>
internal sealed class IdentityMaintenance(UsernameFilter filter) : Contracts.Identity.IIdentityMaintenance
{
    public async Task<Contracts.Identity.CacheRebuilt> RebuildUsernameFilterAsync(CancellationToken cancellationToken = default)
    {
        var result = await filter.RebuildAsync(cancellationToken);
        return new(UsernameFilter.Name, result.Version, result.ItemCount, result.Bits, result.HashCount, result.Duration.TotalMilliseconds);
    }
}
