using System.Data.Common;

namespace Tartware.Messaging.Outbox;

/// <summary>
/// Told, inside the dispatcher's outcome transaction, which rows of its outbox the broker acknowledged,
/// so a module can record the fact next to its own state (the reservation pipeline moves commands to
/// PUBLISHED). The transaction carries no tenant; a listener sets <c>app.tenant_id</c> per tenant itself.
/// A listener that throws rolls the outcome back: the rows are then sent again after their lease.
/// </summary>
public interface IOutboxDeliveryListener
{
    /// <summary>The outbox table this listener follows, e.g. <c>reservations.outbox</c>.</summary>
    string Table { get; }

    /// <summary>Called with the delivered rows' (tenant, id), grouped by nothing in particular.</summary>
    Task DeliveredAsync(DbTransaction transaction, IReadOnlyList<(Guid TenantId, Guid Id)> rows, CancellationToken cancellationToken);
}
