using Tollgate.Data.Audit;

namespace Tollgate.Data.Rating;

/// <summary>Where rating stands for one CDR: rated, unratable (and why), or rated after a fix.</summary>
/// <remarks>
/// <para>
/// Rating keeps its state here, keyed by the CDR, and never changes the CDR's call facts. A CDR from the switch gets a
/// row when it is settled, so one without a row has not been rated yet. An imported CDR is rated in the transaction
/// that stores it, so a row is kept only when it could not be rated: the millions that could are not repeated here.
/// The charges themselves are xDRs keyed by the CDR, so rating a CDR again writes only the charges still missing.
/// </para>
/// <para>
/// A CDR is <see cref="CdrRatingStatus.Unratable"/> when any of its charges could not be computed (no tariff, no rate
/// for the number, a currency that does not match); the charges that could be computed are written all the same, and
/// <see cref="Reason"/> names each one that could not.
/// </para>
/// </remarks>
[Unscoped("reached only through its CDR, whose filter decides who sees it")]
[NotAudited("rating's bookkeeping, derived from the CDR and the tariffs")]
public sealed class CdrRating
{
    public long CdrId { get; set; }
    public CdrRatingStatus Status { get; set; }

    /// <summary>The first reason a charge could not be computed, as a code clients can branch on.</summary>
    public UnratableReason? ReasonCode { get; set; }

    /// <summary>Every reason, in words, one part per party ("customer: …; reseller: …; cost: …").</summary>
    public string? Reason { get; set; }

    /// <summary>The parties whose charge could not be computed, as <see cref="RatedParties"/> flags (so each audience lists only its own).</summary>
    public int UnratedParties { get; set; }

    public int Attempts { get; set; }
    public DateTime FirstAttemptAt { get; set; }
    public DateTime LastAttemptAt { get; set; }
}

/// <summary>The parties of derived charging, as flags of <see cref="CdrRating.UnratedParties"/>.</summary>
public static class RatedParties
{
    public const int Customer = 1;
    public const int Reseller = 2;
    public const int Cost = 4;
}

/// <summary>The state of a CDR in rating.</summary>
public enum CdrRatingStatus
{
    /// <summary>Every charge it gives was written on the first attempt (possibly none: an unanswered or free call).</summary>
    Rated,

    /// <summary>At least one charge could not be computed; see the reason. It can be rated again after the fix.</summary>
    Unratable,

    /// <summary>It was unratable, and a later attempt wrote the missing charges.</summary>
    Rerated,
}

/// <summary>Why a charge of a CDR could not be computed.</summary>
public enum UnratableReason
{
    /// <summary>The account has no main product.</summary>
    NoProduct,

    /// <summary>The product, the reseller or the vendor connection has no tariff.</summary>
    NoTariff,

    /// <summary>The tariff has no rate for the number in effect at the call's start.</summary>
    NoRate,

    /// <summary>The tariff's currency is not the payer's.</summary>
    CurrencyMismatch,

    /// <summary>The CDR names an account that no longer exists.</summary>
    UnknownAccount,
}
