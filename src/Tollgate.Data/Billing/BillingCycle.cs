using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>Where billing stands for one payer: its open period, how far it has been charged, and when it is due again.</summary>
/// <remarks>
/// <para>
/// The open period's end is fixed when the period opens, so a payer that changes its kind of billing period finishes the
/// current one first. A billing run takes these rows with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so concurrent runs
/// split the payers between them, and advances the row in the same transaction as the charges and invoices it writes.
/// </para>
/// <para>
/// <see cref="DueAt"/> is the instant the payer's next day begins in its time zone: before then there is nothing new to
/// charge.
/// </para>
/// </remarks>
[Unscoped("internal state of billing runs; never listed through the API")]
public sealed class BillingCycle
{
    public long Id { get; set; }
    public PayerKind PayerKind { get; set; }
    public long PayerId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }

    /// <summary>The target date of the last run that charged this payer (days before it are charged).</summary>
    public DateOnly ChargedThrough { get; set; }

    public DateTime DueAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
