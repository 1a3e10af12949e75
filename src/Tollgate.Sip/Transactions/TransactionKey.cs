using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Transactions;

/// <summary>What identifies a transaction: the branch, the sent-by of the top Via (server side) and the method.</summary>
/// <remarks>
/// RFC 3261 §17.2.3 matches a request to a server transaction by branch, sent-by and method, where ACK matches
/// its INVITE; §17.1.3 matches a response to a client transaction by branch and CSeq method. CANCEL has the
/// INVITE's branch but is its own transaction, which the method keeps apart. Branches compare exactly; sent-by
/// (a host name) compares case-insensitively.
/// </remarks>
internal readonly struct TransactionKey : IEquatable<TransactionKey>
{
    private TransactionKey(string branch, string sentBy, SipMethod method)
    {
        Branch = branch;
        SentBy = sentBy;
        Method = method;
    }

    public string Branch { get; }

    public string SentBy { get; }

    public SipMethod Method { get; }

    public static TransactionKey ForServer(SipRequest request) =>
        new(request.Branch, request.TopVia.SentBy, request.Method == SipMethod.Ack ? SipMethod.Invite : request.Method);

    /// <summary>The key of the INVITE server transaction a CANCEL refers to (RFC 3261 §9.2).</summary>
    public static TransactionKey ForCancelledInvite(SipRequest cancel) => new(cancel.Branch, cancel.TopVia.SentBy, SipMethod.Invite);

    public static TransactionKey ForClient(string branch, SipMethod method) => new(branch, string.Empty, method);

    public static TransactionKey ForResponse(SipResponse response) => new(response.Branch, string.Empty, response.CSeq.Method);

    public bool Equals(TransactionKey other) =>
        string.Equals(Branch, other.Branch, StringComparison.Ordinal)
        && string.Equals(SentBy, other.SentBy, StringComparison.OrdinalIgnoreCase)
        && Method == other.Method;

    public override bool Equals(object? obj) => obj is TransactionKey k && Equals(k);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(Branch), StringComparer.OrdinalIgnoreCase.GetHashCode(SentBy), Method);

    public override string ToString() => $"{Method.Name} {Branch} {SentBy}";
}
