namespace Tollgate.Billing.Runs;

/// <summary>One transaction of a billing run: the payers it took.</summary>
public sealed record BillingBatch(Guid RunId, int Number, IReadOnlyList<(Domain.Billing.PayerKind Kind, long Id)> Payers);

/// <summary>Points inside a billing run where an observer is told how far it got, and may stop it.</summary>
/// <remarks>
/// The default does nothing. Tests use it to stop a run the way a crash would (throwing inside the transaction, or
/// between transactions) and to hold two runs at the same point, proving they split the payers between them.
/// </remarks>
public interface IBillingRunProbe
{
    /// <summary>The batch's payers are claimed (locked) and nothing is written yet.</summary>
    ValueTask ClaimedAsync(BillingBatch batch, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>The batch's charges are written, its invoices not yet; the transaction is still open.</summary>
    ValueTask ChargesWrittenAsync(BillingBatch batch, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>The batch is committed.</summary>
    ValueTask CommittedAsync(BillingBatch batch, CancellationToken ct) => ValueTask.CompletedTask;
}

/// <summary>The probe of production: it observes nothing.</summary>
public sealed class NoBillingRunProbe : IBillingRunProbe;
