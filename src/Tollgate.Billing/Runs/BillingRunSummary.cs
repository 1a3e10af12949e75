namespace Tollgate.Billing.Runs;

/// <summary>What a billing run did.</summary>
/// <param name="Through">The target date asked for; null means "today" in each payer's time zone.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC).</param>
/// <param name="Payers">Payers whose billing advanced.</param>
/// <param name="PeriodsClosed">Billing periods that ended and were closed.</param>
/// <param name="ChargesWritten">Charge lines (xDRs) inserted.</param>
/// <param name="ChargesUpdated">Running totals (progressive charges, credits) brought up to date.</param>
/// <param name="Invoices">Invoices issued.</param>
public sealed record BillingRunSummary(
    DateOnly? Through, DateTime StartedAt, DateTime FinishedAt, int Payers, int PeriodsClosed, int ChargesWritten, int ChargesUpdated, int Invoices)
{
    public string Describe() =>
        $"{Payers} payer(s), {PeriodsClosed} period(s) closed, {ChargesWritten} charge(s) written, {ChargesUpdated} updated, {Invoices} invoice(s)";
}
