using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Dialogs;

/// <summary>One side's state of a dialog (RFC 3261 §12), kept small for tens of thousands of concurrent calls.</summary>
/// <remarks>
/// <para>A dialog keeps only what later requests need: Call-ID, tags, the two CSeq counters, the From/To values,
/// the remote target, the route set and what the peer said it allows. No message is retained.</para>
/// <para><see cref="RemoteAllow"/> is null until the peer sends an Allow header: a missing Allow means "unknown",
/// not "nothing" (RFC 3261 §20.5). It is updated from every request and response the peer sends in the dialog.</para>
/// <para>Members are safe to use from several threads; the stack drives the state, the user reads it and builds
/// requests with <see cref="CreateRequest"/> through <c>SipStack.SendInDialogAsync</c>.</para>
/// </remarks>
public sealed class SipDialog
{
    private readonly object _gate = new();
    private uint _localSequence;
    private uint _remoteSequence;
    private bool _hasRemoteSequence;
    private string _remoteTarget;
    private readonly string[] _routeSet;
    private SipMethodSet _remoteAllow;
    private bool _remoteAllowKnown;
    private bool _outgoingInvite;
    private bool _outgoingOffer;
    private bool _incomingInvite;
    private AnswerRetransmitter? _awaitingAck;

    internal SipDialog(DialogId id, bool isUac, string localParty, string remoteParty, string remoteTarget,
        string[] routeSet, uint localSequence, uint? remoteSequence, SipMethodSet? remoteAllow)
    {
        Id = id;
        IsUac = isUac;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        _remoteTarget = remoteTarget;
        _routeSet = routeSet;
        _localSequence = localSequence;
        _hasRemoteSequence = remoteSequence.HasValue;
        _remoteSequence = remoteSequence ?? 0;
        _remoteAllowKnown = remoteAllow.HasValue;
        _remoteAllow = remoteAllow ?? SipMethodSet.None;
    }

    public DialogId Id { get; }

    public string CallId => Id.CallId;

    public string LocalTag => Id.LocalTag;

    public string RemoteTag => Id.RemoteTag;

    /// <summary>True when this side sent the INVITE that created the dialog, and so owns its Call-ID.</summary>
    public bool IsUac { get; }

    public DialogState State { get; private set; } = DialogState.Confirmed;

    /// <summary>The From value of requests this side sends (our URI and tag).</summary>
    public string LocalParty { get; }

    /// <summary>The To value of requests this side sends (the peer's URI and tag).</summary>
    public string RemoteParty { get; }

    public uint LocalSequence
    {
        get { lock (_gate) { return _localSequence; } }
    }

    /// <summary>The highest CSeq number received from the peer, or null before its first request.</summary>
    public uint? RemoteSequence
    {
        get { lock (_gate) { return _hasRemoteSequence ? _remoteSequence : null; } }
    }

    /// <summary>Where in-dialog requests are addressed: the peer's latest Contact.</summary>
    public SipUri RemoteTarget
    {
        get { lock (_gate) { return SipUri.Parse(_remoteTarget); } }
    }

    /// <summary>The route set in the order Route headers are written.</summary>
    public IReadOnlyList<NameAddress> RouteSet => _routeSet.Select(NameAddress.Parse).ToArray();

    /// <summary>The methods the peer allows, or null when it never sent Allow (unknown).</summary>
    public SipMethodSet? RemoteAllow
    {
        get { lock (_gate) { return _remoteAllowKnown ? _remoteAllow : null; } }
    }

    /// <summary>True or false when the peer's Allow is known, null when it is not.</summary>
    public bool? RemoteAllowsUpdate => RemoteAllow is { } allow ? allow.HasFlag(SipMethodSet.Update) : null;

    /// <summary>True while a 2xx this side sent to an INVITE is being retransmitted, waiting for its ACK.</summary>
    public bool AwaitingAck
    {
        get { lock (_gate) { return _awaitingAck is not null; } }
    }

    /// <summary>A slot for the session description this side last offered or answered, for re-offers.</summary>
    public ReadOnlyMemory<byte> LocalSessionDescription { get; set; }

    /// <summary>A slot for the owner's own state (for a B2BUA, the call this leg belongs to).</summary>
    public object? UserState { get; set; }

    /// <summary>
    /// Whether a 408 or 481 to a request this side sends ends the dialog (RFC 3261 §12.2.1.2 says it SHOULD). True
    /// by default; an owner that retries, such as a B2BUA whose keep-alive may lose one UDP exchange, sets it false
    /// and ends the dialog itself with BYE when it gives up.
    /// </summary>
    public bool EndsOnRequestFailure { get; set; } = true;

    /// <summary>
    /// Starts an in-dialog request (RFC 3261 §12.2.1.1): Request-URI and Route from the remote target and route
    /// set (loose or strict routing), From, To, Call-ID, the next local CSeq and Max-Forwards. The stack adds Via.
    /// </summary>
    public SipRequestBuilder CreateRequest(SipMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method == SipMethod.Ack || method == SipMethod.Cancel)
        {
            throw new ArgumentException("ACK and CANCEL reuse the CSeq of the request they belong to.", nameof(method));
        }

        uint sequence;
        lock (_gate)
        {
            sequence = ++_localSequence;
        }

        return Build(method, sequence);
    }

    /// <summary>The ACK for a 2xx to INVITE: it carries the INVITE's CSeq number (RFC 3261 §13.2.2.4).</summary>
    public SipRequestBuilder CreateAck(uint inviteSequence) => Build(SipMethod.Ack, inviteSequence);

    public override string ToString() => $"Dialog {Id} {State}";

    private SipRequestBuilder Build(SipMethod method, uint sequence)
    {
        SipUri target;
        lock (_gate)
        {
            target = SipUri.Parse(_remoteTarget);
        }

        var routes = _routeSet;
        SipRequestBuilder builder;
        if (routes.Length > 0 && !NameAddress.Parse(routes[0]).Uri.IsLooseRouter)
        {
            // Strict routing (§12.2.1.1): the first route becomes the Request-URI, the remote target the last route.
            builder = new SipRequestBuilder(method, NameAddress.Parse(routes[0]).Uri.WithoutHeaders());
            foreach (var route in routes.Skip(1))
            {
                builder.AddHeader(KnownHeader.Route, route);
            }

            builder.AddHeader(KnownHeader.Route, "<" + target + ">");
        }
        else
        {
            builder = new SipRequestBuilder(method, target.WithoutHeaders());
            foreach (var route in routes)
            {
                builder.AddHeader(KnownHeader.Route, route);
            }
        }

        return builder
            .AddHeader(KnownHeader.From, LocalParty)
            .AddHeader(KnownHeader.To, RemoteParty)
            .AddHeader(KnownHeader.CallId, CallId)
            .AddHeader(KnownHeader.CSeq, new CSeq(sequence, method).ToString())
            .AddHeader(KnownHeader.MaxForwards, "70");
    }

    /// <summary>Applies the RFC 3261 §12.2.2 checks to a request from the peer and, when it is admitted, records it.</summary>
    internal InDialogVerdict Admit(SipRequest request)
    {
        lock (_gate)
        {
            if (State == DialogState.Terminated)
            {
                return InDialogVerdict.Reject(SipStatusCodes.CallOrTransactionDoesNotExist, null);
            }

            var cseq = request.CSeq.Number;
            if (_hasRemoteSequence && cseq < _remoteSequence)
            {
                return InDialogVerdict.Reject(SipStatusCodes.ServerInternalError, "CSeq Out Of Order");
            }

            var method = request.Method;
            var offers = !request.Body.IsEmpty;
            if (method == SipMethod.Invite)
            {
                if (_outgoingInvite || _outgoingOffer)
                {
                    return InDialogVerdict.Reject(SipStatusCodes.RequestPending, null);
                }

                if (_incomingInvite)
                {
                    // §14.2: a second INVITE before we answered the first.
                    return InDialogVerdict.Reject(SipStatusCodes.ServerInternalError, "Previous INVITE Pending", retryAfter: true);
                }

                _incomingInvite = true;
            }
            else if (method == SipMethod.Update && offers && _outgoingOffer)
            {
                return InDialogVerdict.Reject(SipStatusCodes.RequestPending, null); // RFC 3311 §5.2
            }

            _remoteSequence = cseq;
            _hasRemoteSequence = true;
            LearnFromPeer(request);
            if ((method == SipMethod.Invite || method == SipMethod.Update) && request.Contacts.Count > 0)
            {
                _remoteTarget = request.Contacts[0].Uri.ToString(); // target refresh
            }

            if (method == SipMethod.Bye)
            {
                State = DialogState.Terminated;
            }

            return InDialogVerdict.Admitted;
        }
    }

    /// <summary>Records what a message from the peer says about it: its Allow, when present.</summary>
    internal void LearnFromPeer(SipMessage message)
    {
        if (message.Allow is not { } allow)
        {
            return;
        }

        lock (_gate)
        {
            _remoteAllow = allow;
            _remoteAllowKnown = true;
        }
    }

    /// <summary>Applies a final response to a request of ours: Allow, target refresh, and ending on 481/408.</summary>
    internal void OnResponse(SipMethod method, SipResponse response)
    {
        LearnFromPeer(response);
        lock (_gate)
        {
            if (response.IsSuccess && (method == SipMethod.Invite || method == SipMethod.Update) && response.Contacts.Count > 0)
            {
                _remoteTarget = response.Contacts[0].Uri.ToString();
            }

            // §12.2.1.2: a 481 or 408 to an in-dialog request ends the dialog, unless the owner decides for itself.
            if (EndsOnRequestFailure
                && response.StatusCode is SipStatusCodes.CallOrTransactionDoesNotExist or SipStatusCodes.RequestTimeout)
            {
                State = DialogState.Terminated;
            }
        }
    }

    /// <summary>Marks an outgoing INVITE or offer as pending; false when one already is.</summary>
    internal bool TryBeginOutgoing(SipMethod method, bool carriesOffer)
    {
        lock (_gate)
        {
            if (State == DialogState.Terminated)
            {
                return false;
            }

            if (method == SipMethod.Invite)
            {
                if (_outgoingInvite || _incomingInvite)
                {
                    return false;
                }

                _outgoingInvite = true;
                _outgoingOffer = carriesOffer;
            }
            else if (method == SipMethod.Update && carriesOffer)
            {
                if (_outgoingOffer)
                {
                    return false;
                }

                _outgoingOffer = true;
            }
            else if (method == SipMethod.Bye)
            {
                State = DialogState.Terminated;
            }

            return true;
        }
    }

    internal void EndOutgoing(SipMethod method)
    {
        lock (_gate)
        {
            if (method == SipMethod.Invite)
            {
                _outgoingInvite = false;
                _outgoingOffer = false;
            }
            else if (method == SipMethod.Update)
            {
                _outgoingOffer = false;
            }
        }
    }

    /// <summary>Our final response to the peer's re-INVITE was sent.</summary>
    internal void EndIncomingInvite()
    {
        lock (_gate)
        {
            _incomingInvite = false;
        }
    }

    internal void AwaitAck(AnswerRetransmitter retransmitter)
    {
        AnswerRetransmitter? previous;
        lock (_gate)
        {
            previous = _awaitingAck;
            _awaitingAck = retransmitter;
        }

        previous?.Stop();
    }

    /// <summary>The 2xx was never sent: forget the wait for its ACK.</summary>
    internal void StopAwaiting(AnswerRetransmitter retransmitter)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_awaitingAck, retransmitter))
            {
                _awaitingAck = null;
            }
        }

        retransmitter.Stop();
    }

    /// <summary>An ACK arrived: stops the 2xx retransmission it acknowledges. True when it matched one.</summary>
    internal bool Acknowledge(uint sequence)
    {
        AnswerRetransmitter? waiting;
        lock (_gate)
        {
            waiting = _awaitingAck;
            if (waiting is null || waiting.Sequence != sequence)
            {
                return false;
            }

            _awaitingAck = null;
        }

        waiting.Stop();
        return true;
    }

    internal void Terminate()
    {
        AnswerRetransmitter? waiting;
        lock (_gate)
        {
            State = DialogState.Terminated;
            waiting = _awaitingAck;
            _awaitingAck = null;
        }

        waiting?.Stop();
    }
}
