namespace Tollgate.Billing;

/// <summary>Settings of billing, read from the <c>Tollgate:Billing</c> configuration section.</summary>
public sealed class BillingOptions
{
    public const string Section = "Tollgate:Billing";

    /// <summary>The provider's name as invoices show it.</summary>
    public string ProviderName { get; set; } = "Tollgate provider";

    /// <summary>The provider's address lines on invoices (separate lines with '\n').</summary>
    public string? ProviderAddress { get; set; }

    /// <summary>How many payers one transaction of a billing run takes at a time.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A batch takes fewer payers when theirs would bring more subscriptions than this, so memory stays flat however large
    /// the payers (a reseller may have thousands of accounts). A single payer larger than this still goes alone.</summary>
    public int MaxSubscriptionsPerBatch { get; set; } = 50_000;

    /// <summary>How many batches one run works on at once, on PostgreSQL (SQLite has one writer, so it always uses one).</summary>
    /// <remarks>Workers take payers with <c>FOR UPDATE SKIP LOCKED</c> exactly as separate runs do; while one waits for the
    /// database another computes, so two use a machine's cores better than one.</remarks>
    public int Workers { get; set; } = 2;

    /// <summary>How often the scheduled job looks for payers whose day has turned; zero turns the job off.</summary>
    /// <remarks>Each payer is charged once its own day begins in its time zone, so the job runs more often than daily.</remarks>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(15);
}
