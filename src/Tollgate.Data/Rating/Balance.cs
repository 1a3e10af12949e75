using Tollgate.Data.Audit;
using Tollgate.Domain.Billing;

namespace Tollgate.Data.Rating;

/// <summary>The money a customer or reseller holds with the provider, and how far it may go below zero.</summary>
/// <remarks>
/// <para>
/// <see cref="Amount"/> is positive when the payer has credit (a prepaid top-up) and negative when it owes. Every charge
/// (xDR) lowers it and every payment raises it, once each, in the same transaction that writes the charge or the
/// payment. A payer without a row has a balance of zero and no limit.
/// </para>
/// <para>
/// Real-time authorisation lets calls go while the balance, less what calls in progress have reserved, stays above
/// the floor: <c>-CreditLimit</c> for a postpaid payer with a limit, zero for a prepaid one; a postpaid payer without a
/// limit is not checked. The running amount is bookkeeping and left out of the audit trail; changes of the limit and
/// of the payment model are audited.
/// </para>
/// </remarks>
public sealed class PartyBalance
{
    public long Id { get; set; }
    public PayerKind PayerKind { get; set; }
    public long PayerId { get; set; }

    /// <summary>The customer (for a customer's balance), so tenant filters and the audit trail need no join.</summary>
    public long? CustomerId { get; set; }

    /// <summary>The reseller above the customer, or the reseller itself.</summary>
    public long? ResellerId { get; set; }

    public required string Currency { get; set; }

    [AuditIgnore]
    public decimal Amount { get; set; }

    /// <summary>For a postpaid payer: how far below zero it may go; null: no limit.</summary>
    public decimal? CreditLimit { get; set; }

    /// <summary>A prepaid payer may spend only what it has paid in.</summary>
    public bool Prepaid { get; set; }

    [AuditIgnore]
    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether calls must be checked against the balance.</summary>
    public bool IsLimited => Prepaid || CreditLimit is not null;

    /// <summary>The lowest the balance may go, or null when unlimited.</summary>
    public decimal? Floor => Prepaid ? 0m : CreditLimit is { } limit ? -limit : null;
}

/// <summary>A payment received from a customer or a reseller; it raises the payer's balance once.</summary>
/// <remarks>
/// <see cref="Reference"/> (a bank transfer's id, a receipt number) is unique per payer, so a payment sent twice with
/// its reference is refused the second time instead of counted twice.
/// </remarks>
public sealed class Payment
{
    public long Id { get; set; }
    public PayerKind PayerKind { get; set; }
    public long PayerId { get; set; }
    public long? CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Credit held for a call in progress, from its authorisation until its CDR is rated.</summary>
/// <remarks>
/// Parallel calls of one payer each hold what their longest allowed duration could cost, so together they can never
/// spend more than the payer has. A reservation that outlives <see cref="ExpiresAt"/> (the switch never settled the
/// call) no longer counts and is removed by the next authorisation of the same payer.
/// </remarks>
[Unscoped("internal to real-time authorisation; never listed through the API")]
[NotAudited("short-lived bookkeeping of calls in progress")]
public sealed class CreditReservation
{
    public long Id { get; set; }
    public required string CallId { get; set; }
    public long AccountId { get; set; }
    public long CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public decimal CustomerAmount { get; set; }
    public decimal ResellerAmount { get; set; }
    public int MaxSeconds { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
