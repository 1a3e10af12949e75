using Tollgate.Switch.Calls;

namespace Tollgate.Switch.Control;

/// <summary>A call in call control's book: how it looks now, and the handles that end or transfer it.</summary>
/// <remarks>
/// While a party rings, <see cref="Disconnect"/> cancels the INVITE (for a caller's call, the CDR then says
/// <c>call-control</c>); once connected, it ends the <see cref="Calls.Call"/> with BYE to both parties. A disconnect
/// asked for between the two (call control's own calls re-INVITE the first party in between) is remembered and carried
/// out when the call connects.
/// </remarks>
internal sealed class ControlledCall(CallView view, CallFacts? facts = null, CancellationTokenSource? setup = null)
{
    private readonly object _gate = new();
    private CallView _view = view;
    private CancellationTokenSource? _setup = setup;
    private Call? _connected;
    private bool _disconnect;
    private bool _transferring;
    private int _alerted;

    public string Id { get; } = view.Id;

    public CallView View
    {
        get { lock (_gate) return _view; }
    }

    public Call? Connected
    {
        get { lock (_gate) return _connected; }
    }

    /// <summary>The call a transfer moved the other party to, once the transfer is under way.</summary>
    public string? TransferredTo { get; set; }

    /// <summary>True once call control was asked to disconnect it.</summary>
    public bool DisconnectRequested
    {
        get { lock (_gate) return _disconnect; }
    }

    /// <summary>The party <paramref name="side"/> is being rung now; cancelling <paramref name="setup"/> stops that.</summary>
    /// <remarks>The setup is cancelled at once when a disconnect is pending.</remarks>
    public void Ring(CallSide side, CancellationTokenSource setup)
    {
        bool cancel;
        lock (_gate)
        {
            _setup = setup;
            cancel = _disconnect;
            _view = _view with { State = CallState.Ringing, Ringing = side };
        }

        if (cancel) Cancel(setup);
    }

    /// <summary>The party being rung is alerted (its 180 or 183 came, or it answered without one).</summary>
    /// <returns>The call as it looks now, or null when that party's alerting was reported already.</returns>
    public CallView? Alerting(CallSide side)
    {
        lock (_gate)
        {
            var flag = side == CallSide.Caller ? 1 : 2;
            if ((_alerted & flag) != 0) return null;
            _alerted |= flag;
            return _view;
        }
    }

    /// <summary>The ringing is over (answered or failed): nothing to cancel any more.</summary>
    public void StopRinging()
    {
        lock (_gate) _setup = null;
    }

    /// <summary>The call is connected as <paramref name="call"/>.</summary>
    /// <param name="disconnect">True when a disconnect was asked for before: end the call now.</param>
    public CallView Answer(Call call, out bool disconnect)
    {
        lock (_gate)
        {
            _connected = call;
            _setup = null;
            disconnect = _disconnect;
            _view = _view with { State = CallState.Answered, Ringing = null, AnsweredAt = call.ConnectedAt };
            return _view;
        }
    }

    /// <summary>Ends the call for call control: cancels what rings, or ends the connected call.</summary>
    public void Disconnect()
    {
        Call? call;
        CancellationTokenSource? setup;
        lock (_gate)
        {
            _disconnect = true;
            call = _connected;
            setup = _setup;
        }

        if (call is not null)
        {
            _ = call.EndAsync(DisconnectReasons.CallControl, DisconnectSides.Switch);
            return;
        }

        if (facts is not null) facts.DisconnectedByControl = true;
        if (setup is not null) Cancel(setup);
    }

    /// <summary>Claims the connected call for a transfer; false when it is not connected, or a transfer or disconnect is under way.</summary>
    public bool TryBeginTransfer(out Call? call)
    {
        lock (_gate)
        {
            call = _connected;
            if (call is null || _transferring || _disconnect || call.HasEnded) return false;
            _transferring = true;
            return true;
        }
    }

    /// <summary>A transfer that was refused before anything changed gives the call back.</summary>
    public void EndTransfer()
    {
        lock (_gate) _transferring = false;
    }

    private static void Cancel(CancellationTokenSource setup)
    {
        try
        {
            setup.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The ringing finished and its owner let go of it: nothing is left to cancel.
        }
    }
}
