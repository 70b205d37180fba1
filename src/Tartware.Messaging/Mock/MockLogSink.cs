using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Tartware.Messaging.Mock;

/// <summary>
/// Receives the mock host handle's log lines (librdkafka calls back on its own threads) and writes
/// them to an <see cref="ILogger"/>; without a log callback librdkafka would print to stderr, which
/// would corrupt the single bootstrap line <c>dev-broker</c> promises on its output.
/// </summary>
internal sealed unsafe class MockLogSink(ILogger logger)
{
    private readonly ILogger _logger = logger;

    public static delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> Callback => &OnLog;

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        // An exception must never unwind into native code: that would take the process down.
        try
        {
            var opaque = NativeMethods.rd_kafka_opaque(rk);
            if (opaque == 0 || GCHandle.FromIntPtr(opaque).Target is not MockLogSink sink)
            {
                return;
            }

            var fac = Marshal.PtrToStringUTF8((nint)facility) ?? string.Empty;
            // The host handle has no bootstrap.servers on purpose (it only owns the mock), so the
            // configuration warning about that is noise.
            var logLevel = fac == "CONFWARN" ? LogLevel.Debug : LibrdkafkaLog.ToLogLevel(level);
            if (sink._logger.IsEnabled(logLevel))
            {
                sink._logger.Log(logLevel, "librdkafka mock [{Facility}] {Message}", fac, Marshal.PtrToStringUTF8((nint)message));
            }
        }
        catch (Exception)
        {
            // Logging is best effort; there is nowhere safe to report a failure from a native thread.
        }
    }
}
