using Microsoft.Extensions.DependencyInjection;
using Tartware.Contracts.Reservations.V1;
using Tartware.Contracts.Rooms.V1;
using Tartware.Reservations.Commands;
using Tartware.ServiceDefaults.Data;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests.Infrastructure;

/// <summary>
/// Accepts a command the way the API does (command row, lifecycle, outbox) but below its validation: how a
/// producer bug, a poison message, reaches the processor. Waits until the processor has parked it.
/// </summary>
public static class DirectCommands
{
    public static Task DeadLetteredAsync(PlatformHost host, Guid tenantId, ReservationCommand command) =>
        AcceptAndWaitAsync(host, tenantId, command.CommandId, (writer, tx) => writer.AcceptAsync(tx, tenantId, command, "test", null, TestContext.Current.CancellationToken));

    public static Task DeadLetteredAsync(PlatformHost host, Guid tenantId, RoomCommand command) =>
        AcceptAndWaitAsync(host, tenantId, command.CommandId, (writer, tx) => writer.AcceptAsync(tx, tenantId, command, "test", null, TestContext.Current.CancellationToken));

    private static async Task AcceptAndWaitAsync(PlatformHost host, Guid tenantId, string commandId,
        Func<CommandWriter, System.Data.Common.DbTransaction, Task<AcceptedCommand>> accept)
    {
        await using (var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(tenantId))
        {
            await accept(host.Services.GetRequiredService<CommandWriter>(), unit.Transaction);
            await unit.CommitAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<string>(tenantId,
            "select state from reservations.commands where id = $1", Guid.Parse(commandId)) == "DLQ", TimeSpan.FromSeconds(60), "the poison is dead-lettered");
    }
}
