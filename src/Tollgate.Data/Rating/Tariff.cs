using Tollgate.Data.Audit;

namespace Tollgate.Data.Rating;

/// <summary>A price list for calls: rates by destination prefix, in one currency, with effective dates read in one time zone.</summary>
/// <remarks>
/// <para>
/// Products point at the tariff their accounts' customers pay (retail), resellers at the tariff they pay the provider
/// (wholesale, for voice), vendor connections at what the provider pays the vendor (cost). Like products, a tariff is
/// the administrators' (<see cref="ManagedBy"/> null, optionally shared with resellers) or a reseller's own.
/// </para>
/// <para>
/// Rates are uploaded in bulk and are not audited one by one; every change to them updates
/// <see cref="RatesChangedAt"/> and <see cref="LastRateChange"/> here, which the audit trail records with its author.
/// </para>
/// </remarks>
public sealed class Tariff
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Currency { get; set; }

    /// <summary>The IANA zone whose midnight starts and ends the rates' effective dates.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The reseller that manages it, or null for the provider's administrators.</summary>
    public long? ManagedBy { get; set; }

    public bool SharedWithResellers { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RatesChangedAt { get; set; }

    /// <summary>What the last change of rates did, in words ("upload: 120 added, 3 changed").</summary>
    public string? LastRateChange { get; set; }
}

/// <summary>The price of calls to numbers starting with <see cref="Prefix"/>, from <see cref="EffectiveFrom"/> until <see cref="EffectiveTo"/>.</summary>
/// <remarks>
/// Dates are read in the tariff's time zone: a rate effective from 1 June applies to calls that start at or after
/// midnight of 1 June there; <see cref="EffectiveTo"/> is the first day it no longer applies. A rate without a start
/// date is stored with <see cref="Always"/>, so that (tariff, prefix, effective from) can be unique on every database.
/// </remarks>
[Unscoped("reached only through its tariff, whose filter decides who sees it")]
[NotAudited("price lists are uploaded in bulk; each change is recorded on the tariff (RatesChangedAt, LastRateChange)")]
public sealed class Rate
{
    /// <summary>The stored effective-from of a rate that has always applied.</summary>
    public static readonly DateOnly Always = DateOnly.MinValue;

    public long Id { get; set; }
    public long TariffId { get; set; }
    public required string Prefix { get; set; }
    public decimal PricePerMinute { get; set; }
    public decimal ConnectFee { get; set; }
    public int FirstInterval { get; set; }
    public int NextInterval { get; set; }
    public int GraceSeconds { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
}

