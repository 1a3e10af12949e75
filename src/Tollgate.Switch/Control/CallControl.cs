using Tollgate.Sip;

namespace Tollgate.Switch.Control;

/// <summary>Drives the switch's calls from outside: lists them, places click-to-dial calls, disconnects, transfers, reports every change.</summary>
/// <remarks>
/// <para>It sees the calls this switch process carries. An installation with several switch processes answers for
/// each call in the process that carries it.</para>
/// <para>It knows nothing of who asks: the HTTP API in front of it decides which calls a caller may see and act on,
/// and which account pays for what it starts. Requests that start calls check everything billing checks before
/// anything rings, and answer with a <see cref="ControlResult"/>; what happens afterwards is reported as
/// <see cref="CallEvent"/>s through <see cref="Events"/>.</para>
/// </remarks>
public sealed class CallControl
{
    private readonly SwitchContext _context;
    private readonly CallRegistry _registry;

    internal CallControl(SwitchContext context)
    {
        _context = context;
        Events = new CallEventHub(SipIdentifiers.Text(context.Stack.Random, 8));
        _registry = new CallRegistry(Events, context.Clock);
        context.Calls.Observer = _registry;
    }

    /// <summary>Every call state change, as it happens.</summary>
    public CallEventHub Events { get; }

    /// <summary>The calls ringing or answered now.</summary>
    public IReadOnlyList<CallView> List() => _registry.Views();

    public int Count => _registry.Count;

    public CallView? Find(string id) => _registry.Find(id)?.View;

    /// <summary>Click-to-dial: rings the registered phone of <paramref name="fromAccountId"/>; when it answers, calls <paramref name="to"/> for it.</summary>
    /// <returns><see cref="ControlOutcome.Started"/> with the new call (ringing its caller), or why nothing rings.</returns>
    public Task<ControlResult> OriginateAsync(string fromAccountId, string to, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromAccountId);
        ArgumentException.ThrowIfNullOrEmpty(to);
        return ClickToDial.StartAsync(_context, _registry, fromAccountId, to, ct);
    }

    /// <summary>Ends a call: cancels what rings, or sends BYE to both parties; the CDR's reason is <c>call-control</c>.</summary>
    public ControlResult Disconnect(string id)
    {
        if (_registry.Find(id) is not { } call) return new ControlResult(ControlOutcome.NotFound);
        call.Disconnect();
        return new ControlResult(ControlOutcome.Accepted, call.View);
    }

    /// <summary>Blind transfer of an answered call's party to a new destination (see <see cref="BlindTransfer"/>).</summary>
    /// <returns><see cref="ControlOutcome.Started"/> with the new call (ringing the destination), or why the call is unchanged.</returns>
    public Task<ControlResult> TransferAsync(string id, TransferRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.To);
        ArgumentException.ThrowIfNullOrEmpty(request.PayerAccountId);
        return BlindTransfer.StartAsync(_context, _registry, id, request, ct);
    }
}
