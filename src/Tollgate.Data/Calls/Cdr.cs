namespace Tollgate.Data.Calls;

/// <summary>A call detail record: one call attempt, from the switch or imported from elsewhere.</summary>
/// <remarks>
/// <para>
/// <see cref="CallId"/> is unique: the switch writes each call once, and an imported CDR whose call id is already known
/// is a duplicate. The tenant columns name the account the call is charged to (the caller's account for calls it
/// places; the callee's for calls that arrive from a vendor) and copy its customer and reseller, so tenant filters
/// need no join.
/// </para>
/// <para>Rating keeps its own state and charges (xDRs) keyed by <see cref="Id"/>; this row is never changed by rating.</para>
/// </remarks>
public sealed class Cdr
{
    public long Id { get; set; }
    public required string CallId { get; set; }
    public CdrSource Source { get; set; }

    public long? AccountId { get; set; }
    public long? CustomerId { get; set; }
    public long? ResellerId { get; set; }

    public long? CallerAccountId { get; set; }
    public long? CalleeAccountId { get; set; }
    public long? IncomingConnectionId { get; set; }
    public long? OutgoingConnectionId { get; set; }

    public required string CallingNumber { get; set; }
    public required string CalledNumber { get; set; }

    public DateTime SetupAt { get; set; }
    public DateTime? ConnectAt { get; set; }
    public DateTime DisconnectAt { get; set; }

    /// <summary>The end used for billing (before <see cref="DisconnectAt"/> when a dead call was torn down by keep-alive).</summary>
    public DateTime? BilledEnd { get; set; }

    /// <summary>Whole seconds from connect to billed end; 0 for unanswered attempts.</summary>
    public int BilledSeconds { get; set; }

    public int? FinalSipStatus { get; set; }
    public required string DisconnectReason { get; set; }
    public required string DisconnectSide { get; set; }
    public string? CallerKeepAlive { get; set; }
    public string? CalleeKeepAlive { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Where a CDR came from.</summary>
public enum CdrSource
{
    Switch,
    Import,
}
