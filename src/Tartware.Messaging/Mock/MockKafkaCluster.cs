using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tartware.Messaging.Mock;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock brokers listening on localhost, reachable by any
/// Kafka client through <see cref="BootstrapServers"/>.
/// <para>
/// NON-DURABLE, for development and tests only: every record lives in this process's memory and is
/// gone when it is disposed or the process exits. It supports produce (idempotent included),
/// consume, consumer groups and offset commits; it does not support the CreateTopics admin API
/// (use <see cref="CreateTopic"/>) nor real transaction isolation.
/// </para>
/// </summary>
public sealed unsafe class MockKafkaCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly Lock _gate = new();
    private readonly GCHandle _logSink;
    private nint _handle;
    private nint _cluster;

    private MockKafkaCluster(nint handle, nint cluster, GCHandle logSink, int brokerCount, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        _logSink = logSink;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated <c>host:port</c> list of the mock brokers, e.g. <c>127.0.0.1:40123,127.0.0.1:40125</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids run from 1 to this value.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokers"/> brokers (ids 1..n).</summary>
    /// <param name="brokers">How many brokers to start (at least 1).</param>
    /// <param name="logger">Receives librdkafka's log lines; nothing is ever written to stderr.</param>
    public static MockKafkaCluster Start(int brokers, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var logSink = GCHandle.Alloc(new MockLogSink(logger ?? NullLogger.Instance));
        var conf = NativeMethods.rd_kafka_conf_new();
        var errstr = stackalloc byte[ErrorBufferSize];
        try
        {
            NativeMethods.rd_kafka_conf_set_opaque(conf, GCHandle.ToIntPtr(logSink));
            NativeMethods.rd_kafka_conf_set_log_cb(conf, MockLogSink.Callback);
            var handle = NativeMethods.rd_kafka_new(NativeMethods.ProducerType, conf, errstr, ErrorBufferSize);
            if (handle == 0)
            {
                // On failure rd_kafka_new leaves the configuration with the caller.
                NativeMethods.rd_kafka_conf_destroy(conf);
                throw new InvalidOperationException(
                    $"librdkafka could not create the mock host handle: {Marshal.PtrToStringUTF8((nint)errstr)}");
            }

            var cluster = NativeMethods.rd_kafka_mock_cluster_new(handle, brokers);
            if (cluster == 0)
            {
                NativeMethods.rd_kafka_destroy(handle);
                throw new InvalidOperationException($"librdkafka could not start a mock cluster of {brokers} broker(s).");
            }

            // The string is owned by the cluster; copy it now.
            var bootstrapServers = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(cluster));
            if (string.IsNullOrEmpty(bootstrapServers))
            {
                NativeMethods.rd_kafka_mock_cluster_destroy(cluster);
                NativeMethods.rd_kafka_destroy(handle);
                throw new InvalidOperationException("librdkafka returned no bootstrap list for the mock cluster.");
            }

            return new MockKafkaCluster(handle, cluster, logSink, brokers, bootstrapServers);
        }
        catch
        {
            logSink.Free();
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="name"/> with <paramref name="partitions"/> partitions. Idempotent from the
    /// caller's view: an existing topic is left as it is (its partition count is not changed).
    /// </summary>
    /// <returns><see langword="true"/> if the topic was created, <see langword="false"/> if it already existed.</returns>
    public bool CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        lock (_gate)
        {
            var err = NativeMethods.rd_kafka_mock_topic_create(ClusterOrThrow(), name, partitions, replicationFactor);
            return err switch
            {
                0 => true,
                NativeMethods.TopicAlreadyExists => false,
                _ => throw new InvalidOperationException(
                    $"Mock cluster could not create topic '{name}': {NativeMethods.ErrorText(err)}"),
            };
        }
    }

    /// <summary>Disconnects broker <paramref name="brokerId"/> and refuses new connections (no leader change).</summary>
    public void SetBrokerDown(int brokerId) => SetBrokerState(brokerId, up: false);

    /// <summary>Lets broker <paramref name="brokerId"/> accept connections again.</summary>
    public void SetBrokerUp(int brokerId) => SetBrokerState(brokerId, up: true);

    /// <summary>Stops the brokers and frees the cluster; every record in it is lost. Safe to call twice or concurrently.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster == 0)
            {
                return;
            }

            // The cluster must go before the handle that owns its bookkeeping.
            NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
            NativeMethods.rd_kafka_destroy(_handle);
            _cluster = 0;
            _handle = 0;
            // Freed last: the handle may log while it is being destroyed.
            _logSink.Free();
        }
    }

    private void SetBrokerState(int brokerId, bool up)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
        lock (_gate)
        {
            var cluster = ClusterOrThrow();
            var err = up
                ? NativeMethods.rd_kafka_mock_broker_set_up(cluster, brokerId)
                : NativeMethods.rd_kafka_mock_broker_set_down(cluster, brokerId);
            if (err != 0)
            {
                throw new InvalidOperationException(
                    $"Mock cluster could not set broker {brokerId} {(up ? "up" : "down")}: {NativeMethods.ErrorText(err)}");
            }
        }
    }

    private nint ClusterOrThrow()
    {
        ObjectDisposedException.ThrowIf(_cluster == 0, this);
        return _cluster;
    }
}
