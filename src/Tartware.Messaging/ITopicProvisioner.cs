namespace Tartware.Messaging;

/// <summary>Makes sure topics exist before producers and consumers rely on them.</summary>
public interface ITopicProvisioner
{
    /// <summary>
    /// Creates the topics in <paramref name="topics"/> that do not exist yet; existing topics are left
    /// as they are (a partition count lower than requested is logged, not changed).
    /// </summary>
    /// <exception cref="InvalidOperationException">A topic could not be created; the message lists which and why.</exception>
    Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default);
}
