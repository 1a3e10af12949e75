namespace Tollgate.Billing.Rating;

/// <summary>Settings of usage rating and real-time authorisation (<c>Tollgate:Rating:…</c>).</summary>
public sealed class RatingOptions
{
    public const string Section = "Tollgate:Rating";

    /// <summary>The longest a call of a payer with a credit limit may last, however much credit it has (it reserves at most this).</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long after its authorisation, beyond its longest duration, an unsettled reservation keeps counting (ringing, clock skew).</summary>
    public TimeSpan ReservationSlack { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>CDRs per transaction when importing or re-rating.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Batches of one import in flight at once on PostgreSQL (each its own connection); SQLite always takes one.</summary>
    public int ImportWorkers { get; set; } = 2;

    /// <summary>The largest CDR file <c>POST /api/v1/cdrs/import</c> takes, in bytes.</summary>
    public long ImportMaxBytes { get; set; } = 512L << 20;
}
