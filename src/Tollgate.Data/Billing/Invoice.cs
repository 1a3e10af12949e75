using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>The invoice of one payer for one closed billing period: its lines are the payer's xDRs of that period.</summary>
/// <remarks>
/// Numbers are sequential and gap-free per issuer: the provider numbers the invoices of resellers and of its direct
/// customers; each reseller has its own sequence for the invoices of its customers. <see cref="Total"/> is the exact
/// sum of the lines, written in the same transaction as the last of them.
/// </remarks>
public sealed class Invoice
{
    /// <summary>The <see cref="IssuerKey"/> of the provider's own invoices.</summary>
    public const long ProviderIssuer = 0;

    public long Id { get; set; }

    /// <summary><see cref="ProviderIssuer"/> for the provider, else the id of the reseller that issues it.</summary>
    public long IssuerKey { get; set; }

    public long Number { get; set; }

    /// <summary>The issuer's name when the invoice was issued (the provider's, or the reseller's).</summary>
    public required string IssuerName { get; set; }

    /// <summary>The payer's name when the invoice was issued.</summary>
    public required string PayerName { get; set; }

    public PayerKind PayerKind { get; set; }
    public long PayerId { get; set; }
    public long? CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public DateOnly PeriodStart { get; set; }

    /// <summary>The first day after the period.</summary>
    public DateOnly PeriodEnd { get; set; }

    public required string Currency { get; set; }
    public decimal Total { get; set; }
    public int LineCount { get; set; }
    public DateTime IssuedAt { get; set; }
}

/// <summary>The last invoice number an issuer gave; incremented in the transaction that issues the invoices.</summary>
[Unscoped("internal to billing runs; never listed through the API")]
public sealed class InvoiceCounter
{
    public long IssuerKey { get; set; }
    public long LastNumber { get; set; }
}
