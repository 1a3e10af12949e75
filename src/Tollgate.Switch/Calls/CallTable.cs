using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tollgate.Domain.Switching;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Calls;

/// <summary>The calls this switch process carries: those being set up, those connected, and the CDRs still being stored.</summary>
internal sealed class CallTable
{
    private readonly ConcurrentDictionary<string, Call> _connected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CancellationTokenSource, byte> _setups = new();
    private readonly ConcurrentDictionary<Task, byte> _records = new();
    private readonly CancellationTokenSource _shutdown = new();

    public int ConnectedCount => _connected.Count;

    /// <summary>Told when a call starts ringing, is answered and ends (call control's live view); null: nobody is.</summary>
    public ICallObserver? Observer { get; set; }

    public int SettingUpCount => _setups.Count;

    /// <summary>Cancelled when the switch stops: calls still ringing are cancelled.</summary>
    public CancellationToken ShuttingDown => _shutdown.Token;

    public IReadOnlyList<LiveCall> Snapshot() => _connected.Values.Select(c => c.Snapshot()).ToList();

    public Call? Find(string callId) => _connected.GetValueOrDefault(callId);

    public void Add(Call call)
    {
        _connected[call.Id] = call;
        Observer?.Answered(call);
    }

    public void Remove(Call call) => _connected.TryRemove(new KeyValuePair<string, Call>(call.Id, call));

    /// <summary>Tracks a call being set up; dispose the result when the setup is over.</summary>
    /// <param name="facts">The call a caller's INVITE set up, which rings from now on (null for legs call control places).</param>
    public SetupRegistration BeginSetup(CancellationTokenSource setup, CallFacts? facts = null)
    {
        _setups[setup] = 0;
        if (_shutdown.IsCancellationRequested) setup.Cancel();
        if (facts is not null) Observer?.Ringing(facts, setup);
        return new SetupRegistration(this, setup);
    }

    /// <summary>Hands a finished call's record to billing, keeping the task until it is stored.</summary>
    public Task Record(ISwitchBilling billing, CallRecord record, ILogger logger)
    {
        var task = StoreAsync(billing, record, logger);
        _records[task] = 0;
        _ = task.ContinueWith(t => _records.TryRemove(t, out _), TaskScheduler.Default);
        Observer?.Ended(record, task);
        return task;
    }

    /// <summary>Cancels calls being set up, ends connected calls, and waits for their CDRs (at most <paramref name="limit"/>).</summary>
    public async Task ShutdownAsync(TimeSpan limit)
    {
        await _shutdown.CancelAsync();
        foreach (var call in _connected.Values) _ = call.EndAsync(DisconnectReasons.Shutdown, DisconnectSides.Switch);
        var deadline = Task.Delay(limit);
        while (!_setups.IsEmpty || !_records.IsEmpty)
        {
            var pending = _records.Keys.Append(Task.Delay(TimeSpan.FromMilliseconds(50)));
            if (await Task.WhenAny(Task.WhenAll(pending), deadline) == deadline) break;
        }
    }

    private static async Task StoreAsync(ISwitchBilling billing, CallRecord record, ILogger logger)
    {
        try
        {
            await billing.CallEndedAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "The record of call {CallId} could not be stored", record.CallId);
        }
    }

    /// <summary>Removes a setup from the table when disposed.</summary>
    internal readonly struct SetupRegistration(CallTable table, CancellationTokenSource setup) : IDisposable
    {
        public void Dispose() => table._setups.TryRemove(setup, out _);
    }
}
