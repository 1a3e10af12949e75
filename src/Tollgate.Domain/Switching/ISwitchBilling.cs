using System.Net;

namespace Tollgate.Domain.Switching;

/// <summary>The one narrow interface through which the switch asks billing: who may register, may this call go, where, for how long; and here is how it ended.</summary>
/// <remarks>
/// The switch (<c>Tollgate.Switch</c>) knows nothing of the database, tariffs or balances; billing implements this
/// interface and the <c>tollgate</c> host wires the two together. Every method is called off the SIP receive path by
/// the switch and may touch the database.
/// </remarks>
public interface ISwitchBilling
{
    /// <summary>What the registrar needs to challenge a REGISTER (or INVITE) from <paramref name="accountId"/>; null when there is no such account.</summary>
    Task<SipIdentity?> FindIdentityAsync(string accountId, CancellationToken ct);

    /// <summary>Authorises and routes one call attempt; refusal carries the SIP status and reason to answer with.</summary>
    Task<CallDecision> AuthorizeCallAsync(CallAttempt attempt, CancellationToken ct);

    /// <summary>Hands over the record of a finished call attempt (answered or not); billing stores it and rates it.</summary>
    Task CallEndedAsync(CallRecord record, CancellationToken ct);
}

/// <summary>An account as the registrar sees it.</summary>
/// <param name="SipPassword">The digest password; never logged (<see cref="ToString"/> leaves it out).</param>
/// <param name="MayRegister">False when the account is closed, or its customer is closed, or it has no SIP password.</param>
public sealed record SipIdentity(long AccountId, string AccountName, long CustomerId, string SipPassword, bool MayRegister)
{
    public override string ToString() => $"SipIdentity {{ AccountId = {AccountId}, AccountName = {AccountName}, CustomerId = {CustomerId}, MayRegister = {MayRegister} }}";
}

/// <summary>Who is calling whom, as the switch saw it in the INVITE.</summary>
/// <param name="CallId">The Call-ID of the caller's leg; the natural key of the call.</param>
/// <param name="CallerAccountId">The account whose digest credentials the INVITE carried (its <c>accountId</c>), or null when it carried none.</param>
/// <param name="Source">Where the INVITE came from: without credentials, only an incoming vendor connection at this address may call.</param>
/// <param name="Destination">The Request-URI user part: an account id, an extension, a DID, or a number to send to a vendor.</param>
/// <param name="CallerUserAgent">The caller's User-Agent header, for service policies matched by pattern.</param>
/// <remarks>
/// The switch does not know which addresses are trusted (that is the connections table), so it hands over the source
/// and billing answers either with a decision or with <see cref="CallDecision.AuthenticationRequired"/>.
/// </remarks>
public sealed record CallAttempt(
    string CallId,
    string? CallerAccountId,
    IPEndPoint Source,
    string CallingNumber,
    string Destination,
    string? CallerUserAgent,
    DateTime At);

/// <summary>Billing's answer to a <see cref="CallAttempt"/>.</summary>
public sealed record CallDecision
{
    public bool Allowed { get; init; }

    /// <summary>On refusal: the SIP status to answer the caller with (403, 404, 402, 480 …) and its reason phrase.</summary>
    public int SipStatus { get; init; }

    public string? Reason { get; init; }

    /// <summary>On refusal: the caller is neither authenticated nor an incoming vendor connection; challenge it for credentials.</summary>
    public bool AuthenticationRequired { get; init; }

    /// <summary>The account placing the call (when it is one of ours), for the record.</summary>
    public long? CallerAccountKey { get; init; }

    /// <summary>The incoming vendor connection the call came from (trusted by its source address), for the record.</summary>
    public long? IncomingConnectionId { get; init; }

    /// <summary>Where the call goes: an account of this installation, or an outgoing vendor connection.</summary>
    public CallRoute? Route { get; init; }

    /// <summary>The longest the call may last (credit, limits); null means no limit. The switch ends the call at that moment.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Service policy settings that apply to the caller's leg.</summary>
    public LegPolicy CallerPolicy { get; init; } = LegPolicy.Default;

    public static CallDecision Refuse(int sipStatus, string reason) => new() { Allowed = false, SipStatus = sipStatus, Reason = reason };

    /// <summary>Neither credentials nor a trusted source: the switch answers with a digest challenge.</summary>
    public static CallDecision Challenge { get; } = new() { Allowed = false, SipStatus = 407, Reason = "Proxy Authentication Required", AuthenticationRequired = true };
}

/// <summary>The destination of an allowed call.</summary>
/// <param name="AccountKey">The destination account's numeric id, when the call stays on the network.</param>
/// <param name="AccountId">Its <c>accountId</c> (the registrar's key for its registered contacts).</param>
/// <param name="OutgoingConnectionId">The vendor connection, when the call leaves the network.</param>
/// <param name="ConnectionAddress">The vendor's address as <c>host:port</c>, with <see cref="ConnectionTransport"/>.</param>
/// <param name="Number">The number to put in the outgoing Request-URI.</param>
/// <param name="Policy">Service policy settings that apply to the callee's leg.</param>
public sealed record CallRoute(
    long? AccountKey,
    string? AccountId,
    long? OutgoingConnectionId,
    string? ConnectionAddress,
    string? ConnectionTransport,
    string Number,
    LegPolicy Policy);

/// <summary>What a service policy says about one call leg.</summary>
/// <param name="ForbidUpdate">Leave UPDATE out of the Allow header on this leg and use re-INVITE keep-alives.</param>
/// <param name="KeepAliveInterval">Keep-alive interval for this leg; null: the installation default.</param>
/// <param name="UserAgentPolicies">Policies that apply dynamically to a leg whose User-Agent matches, highest priority first.</param>
public sealed record LegPolicy(bool ForbidUpdate, TimeSpan? KeepAliveInterval, IReadOnlyList<PatternPolicy> UserAgentPolicies)
{
    public static LegPolicy Default { get; } = new(false, null, []);
}

/// <summary>A service policy that applies to any leg whose User-Agent matches one of its patterns (<c>%</c> is a wildcard).</summary>
public sealed record PatternPolicy(long PolicyId, IReadOnlyList<string> Patterns, int MatchPriority, bool ForbidUpdate, TimeSpan? KeepAliveInterval);

/// <summary>How a call attempt ended, as the switch hands it to billing.</summary>
/// <param name="BilledEnd">The end used for billing: the disconnect time, or for a call torn down by a failed keep-alive the moment the first failed keep-alive was sent.</param>
/// <param name="DisconnectReason">normal, cancelled, busy, no-answer, rejected, keepalive-failed, max-duration, …</param>
/// <param name="DisconnectSide">caller, callee or switch.</param>
/// <param name="CallerKeepAlive">update, reinvite or none: the method used on the caller's leg.</param>
public sealed record CallRecord(
    string CallId,
    long? CallerAccountKey,
    long? CalleeAccountKey,
    long? IncomingConnectionId,
    long? OutgoingConnectionId,
    string CallingNumber,
    string CalledNumber,
    DateTime SetupAt,
    DateTime? ConnectAt,
    DateTime DisconnectAt,
    DateTime? BilledEnd,
    int? FinalSipStatus,
    string DisconnectReason,
    string DisconnectSide,
    string CallerKeepAlive,
    string CalleeKeepAlive);
