namespace Tollgate.Sip.Transactions;

/// <summary>States of the RFC 3261 §17 transaction machines, plus Accepted from RFC 6026.</summary>
public enum TransactionState
{
    /// <summary>INVITE client: request sent, no response yet.</summary>
    Calling,

    /// <summary>Non-INVITE client and server: request sent or received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was received or sent.</summary>
    Proceeding,

    /// <summary>A final response was received or sent; retransmissions are absorbed until a timer ends it.</summary>
    Completed,

    /// <summary>INVITE server: the ACK for a non-2xx final response arrived.</summary>
    Confirmed,

    /// <summary>INVITE, after a 2xx (RFC 6026): more 2xx (client) or INVITE retransmissions (server) are absorbed.</summary>
    Accepted,

    /// <summary>Finished; the transaction is no longer matched.</summary>
    Terminated,
}
