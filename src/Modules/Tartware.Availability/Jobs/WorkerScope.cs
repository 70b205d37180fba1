using System.Data.Common;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Jobs;

/// <summary>
/// Transaction-local settings for the guard's cross-tenant workers. <c>app.worker</c> opens only the
/// two queue tables whose policies name that worker (ids and dates, no business data); every business
/// row is still reached under its own tenant, switched per item with <c>app.tenant_id</c>.
/// </summary>
internal static class WorkerScope
{
    public const string Sweeper = "availability-sweeper";
    public const string Horizon = "availability-horizon";

    public static Task EnterAsync(DbTransaction tx, string worker, CancellationToken ct) =>
        tx.Sql("select set_config('app.worker', $1, true)").Bind(worker).ExecAsync(ct);

    public static Task SwitchTenantAsync(DbTransaction tx, Guid tenantId, CancellationToken ct) =>
        tx.Sql("select set_config('app.tenant_id', $1, true)").Bind(tenantId.ToString()).ExecAsync(ct);
}
