using System.Runtime.InteropServices;

namespace Tartware.Messaging.Mock;

/// <summary>
/// The slice of librdkafka's C API needed to host its mock cluster. Confluent.Kafka 1.9 does not
/// expose the mock API, so we bind Debian's librdkafka (2.0.2) directly; the mock header is marked
/// experimental upstream, which is acceptable because it only ever backs dev/test brokers.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "librdkafka.so.1";

    /// <summary><c>RD_KAFKA_PRODUCER</c>: a producer handle is the cheapest host for the mock.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    /// <summary><c>RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS</c>.</summary>
    internal const int TopicAlreadyExists = 36;

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_conf_new();

    [LibraryImport(Library)]
    internal static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_conf_set_opaque(nint conf, nint opaque);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_conf_set_log_cb(
        nint conf, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> logCallback);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_opaque(nint rk);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_new(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_err2str(int err);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_cluster_destroy(nint mcluster);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_cluster_bootstraps(nint mcluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(nint mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_down(nint mcluster, int brokerId);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_up(nint mcluster, int brokerId);

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";
}
