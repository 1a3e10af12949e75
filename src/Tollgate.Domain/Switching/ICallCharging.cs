namespace Tollgate.Domain.Switching;

/// <summary>Money side of a call: reserve credit before it connects, settle (rate) it when it ended.</summary>
/// <remarks>
/// Implemented by usage rating; until rating is configured the installation uses one that allows every call without a
/// time limit and charges nothing. <see cref="ISwitchBilling"/> calls it after authorisation and routing.
/// </remarks>
public interface ICallCharging
{
    /// <summary>May this call go, and for how long; holds credit for it until <see cref="SettleAsync(long, CancellationToken)"/>.</summary>
    Task<ChargingDecision> ReserveAsync(ChargingRequest request, CancellationToken ct);

    /// <summary>The call ended (stored as CDR <paramref name="cdrId"/>): release what was reserved and write its charges.</summary>
    Task SettleAsync(long cdrId, CancellationToken ct);

    /// <summary>Settles calls whose CDRs were stored together; an implementation does them in one transaction where it can.</summary>
    async Task SettleAsync(IReadOnlyList<long> cdrIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cdrIds);
        foreach (var id in cdrIds) await SettleAsync(id, ct);
    }
}

/// <param name="AccountKey">The paying account (numeric id); null for calls from a vendor to an account (not charged to a customer).</param>
public sealed record ChargingRequest(string CallId, long? AccountKey, long? OutgoingConnectionId, string CalledNumber, DateTime At);

/// <summary>Whether the call may go; when not, the SIP status and reason the caller hears.</summary>
public sealed record ChargingDecision(bool Allowed, TimeSpan? MaxDuration, int SipStatus = 0, string? Reason = null)
{
    public static ChargingDecision Unlimited { get; } = new(true, null);
}
