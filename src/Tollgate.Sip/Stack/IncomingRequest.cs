using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transactions;

namespace Tollgate.Sip.Stack;

/// <summary>A request handed to the application, with the means to answer it.</summary>
/// <remarks>
/// <para>Out of a dialog <see cref="Dialog"/> is null (a new INVITE, REGISTER, OPTIONS...). In a dialog the stack
/// has already checked CSeq order, glare and the method; an ACK for a 2xx arrives here too, with no
/// <see cref="Transaction"/> and nothing to answer.</para>
/// <para>Responses made with <see cref="CreateResponse"/> carry the same To tag every time, so 180 and 200 to one
/// INVITE agree. A 2xx to an INVITE creates (or, for a re-INVITE, continues) the dialog and is retransmitted until
/// its ACK (RFC 3261 §13.3.1.4).</para>
/// </remarks>
public sealed class IncomingRequest
{
    private readonly SipStack _stack;
    private string? _localTag;
    private CancellationTokenSource? _cancelled;
    private int _wasCancelled;

    internal IncomingRequest(SipStack stack, SipRequest request, ServerTransaction? transaction, SipDialog? dialog)
    {
        _stack = stack;
        Request = request;
        Transaction = transaction;
        Dialog = dialog;
    }

    public SipRequest Request { get; }

    /// <summary>The server transaction answering this request; null for ACK.</summary>
    public ServerTransaction? Transaction { get; }

    /// <summary>The dialog the request belongs to, or null outside a dialog.</summary>
    public SipDialog? Dialog { get; private set; }

    /// <summary>The tag this side uses in To: the request's own To tag in a dialog, a new random one otherwise.</summary>
    public string LocalTag => Request.ToTag ?? LazyInitializer.EnsureInitialized(ref _localTag, () => _stack.Random.NewTag());

    /// <summary>Cancelled when the caller sent CANCEL for this INVITE; the stack has then answered 487 already.</summary>
    public CancellationToken Cancelled
    {
        get
        {
            var cts = LazyInitializer.EnsureInitialized(ref _cancelled, () => new CancellationTokenSource());
            if (Volatile.Read(ref _wasCancelled) == 1)
            {
                cts.Cancel();
            }

            return cts.Token;
        }
    }

    /// <summary>Starts a response as RFC 3261 §8.2.6 describes, with this side's To tag (except on 100).</summary>
    public SipResponseBuilder CreateResponse(int statusCode, string? reasonPhrase = null) =>
        SipResponseBuilder.ForRequest(Request, statusCode, reasonPhrase, LocalTag);

    public SipDialog? Respond(int statusCode, string? reasonPhrase = null) => Respond(CreateResponse(statusCode, reasonPhrase));

    /// <summary>Sends a response through the transaction.</summary>
    /// <returns>
    /// The dialog for a 2xx to INVITE (new or continued); the request's dialog otherwise; null when the response
    /// could not be sent because a final response was already sent (for instance 487 after a CANCEL).
    /// </returns>
    public SipDialog? Respond(SipResponseBuilder response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var transaction = Transaction ?? throw new InvalidOperationException("An ACK is not answered.");
        return _stack.Respond(this, transaction, response);
    }

    internal void SetDialog(SipDialog dialog) => Dialog = dialog;

    /// <summary>The caller cancelled: answer 487 (RFC 3261 §9.2), then tell the application.</summary>
    internal void OnCancelled()
    {
        // Through the stack, so a cancelled re-INVITE also stops counting as pending in its dialog.
        if (Transaction is { } transaction)
        {
            _stack.Respond(this, transaction, CreateResponse(SipStatusCodes.RequestTerminated));
        }

        Volatile.Write(ref _wasCancelled, 1);
        var cts = Volatile.Read(ref _cancelled);
        cts?.Cancel();
    }

    public override string ToString() => Request.ToString();
}
