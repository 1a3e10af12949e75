namespace Tollgate.Domain.Parties;

/// <summary>How often a customer or reseller is billed; periods are computed in the payer's time zone.</summary>
public enum BillingPeriodKind
{
    /// <summary>Every calendar day.</summary>
    Daily,

    /// <summary>Monday through Sunday.</summary>
    Weekly,

    /// <summary>The 1st–15th and the 16th–end of each month.</summary>
    SemiMonthly,

    /// <summary>Calendar months.</summary>
    Monthly,

    /// <summary>Months that start on the day of the month the payer was created (clamped to the month's length).</summary>
    MonthlyAnniversary,
}
