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

    /// <summary>How often the scheduled job looks for payers whose day has turned; zero turns the job off.</summary>
    /// <remarks>Each payer is charged once its own day begins in its time zone, so the job runs more often than daily.</remarks>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(15);
}
