using System.Threading.Channels;

namespace Tollgate.Switch.Control;

/// <summary>Hands call events to subscribers as they happen, and keeps the latest so a subscriber that reconnects misses none.</summary>
/// <remarks>
/// <para>Events are numbered from 1 in each switch process; <see cref="Epoch"/> tells one process's numbers from
/// another's, so a subscriber that comes back to a restarted switch learns that it may have missed events.</para>
/// <para>Publishing never waits for a subscriber: each has a queue of <see cref="SubscriberCapacity"/> events, and one
/// that falls that far behind is dropped (its queue ends with <see cref="CallEventOverflowException"/>); it can
/// reconnect and ask for what it missed, of which the last <see cref="Retained"/> events are kept.</para>
/// </remarks>
public sealed class CallEventHub
{
    public const int Retained = 4096;
    public const int SubscriberCapacity = 10_000;

    private readonly object _gate = new();
    private readonly CallEvent?[] _recent = new CallEvent?[Retained];
    private CallEventSubscription[] _subscribers = [];
    private long _sequence;

    public CallEventHub(string epoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(epoch);
        Epoch = epoch;
    }

    /// <summary>Names this process's run of event numbers.</summary>
    public string Epoch { get; }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Subscribes to the events from now on, after the retained ones that follow <paramref name="after"/>.</summary>
    /// <param name="after">The last event the subscriber saw in this epoch (SSE's Last-Event-ID), or null for none.</param>
    public CallEventSubscription Subscribe(long? after = null)
    {
        lock (_gate)
        {
            var subscription = new CallEventSubscription(this);
            if (after is { } last && last >= 0 && last < _sequence)
            {
                var first = Math.Max(last + 1, _sequence - Retained + 1);
                subscription.MissedEvents = first > last + 1;
                for (var sequence = first; sequence <= _sequence; sequence++) subscription.Offer(_recent[sequence % Retained]!);
            }
            else if (after is { } ahead && ahead > _sequence)
            {
                subscription.MissedEvents = true;
            }

            _subscribers = [.. _subscribers, subscription];
            return subscription;
        }
    }

    internal CallEvent Publish(CallEventKind kind, DateTime at, CallView call, string? reason = null, string? side = null, string? transferredTo = null)
    {
        lock (_gate)
        {
            var published = new CallEvent(++_sequence, kind, at, call, reason, side, transferredTo);
            _recent[published.Sequence % Retained] = published;
            foreach (var subscriber in _subscribers) subscriber.Offer(published);
            return published;
        }
    }

    internal void Unsubscribe(CallEventSubscription subscription)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, subscription);
            if (index >= 0) _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
        }
    }
}

/// <summary>One subscriber's queue of call events; dispose it to unsubscribe.</summary>
public sealed class CallEventSubscription : IDisposable
{
    private readonly CallEventHub _hub;
    private readonly Channel<CallEvent> _queue = Channel.CreateBounded<CallEvent>(
        new BoundedChannelOptions(CallEventHub.SubscriberCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    internal CallEventSubscription(CallEventHub hub) => _hub = hub;

    /// <summary>The events, in order; completes with <see cref="CallEventOverflowException"/> if the subscriber fell too far behind.</summary>
    public ChannelReader<CallEvent> Events => _queue.Reader;

    /// <summary>True when events the subscriber asked to be replayed were no longer kept (or came from another process).</summary>
    public bool MissedEvents { get; internal set; }

    public void Dispose()
    {
        _hub.Unsubscribe(this);
        _queue.Writer.TryComplete();
    }

    internal void Offer(CallEvent published)
    {
        if (_queue.Writer.TryWrite(published)) return;
        _queue.Writer.TryComplete(new CallEventOverflowException());
        _hub.Unsubscribe(this);
    }
}

/// <summary>A subscriber did not take its call events fast enough and was dropped; it may reconnect and catch up.</summary>
public sealed class CallEventOverflowException() : Exception($"More than {CallEventHub.SubscriberCapacity} call events were waiting; the subscription was dropped.");
