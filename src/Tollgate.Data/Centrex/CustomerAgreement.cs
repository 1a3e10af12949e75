using Tollgate.Data.Audit;
using Tollgate.Domain.Billing;

namespace Tollgate.Data.Centrex;

/// <summary>What a customer may give its own extensions and auto attendants: products and how many accounts may hold each.</summary>
/// <remarks>
/// One row per customer that has an agreement or a PBX (it also counts the customer's auto attendants, so their
/// numbers are never reused). A customer without a row has an empty agreement.
/// </remarks>
public sealed class CustomerAgreement
{
    public long CustomerId { get; set; }

    /// <summary>The reseller above the customer, copied so tenant filters need no join.</summary>
    public long? ResellerId { get; set; }

    /// <summary>How many auto attendants the customer has ever had: the next one is n + 1.</summary>
    [AuditIgnore]
    public int AutoAttendantsCreated { get; set; }

    public DateTime? UpdatedAt { get; set; }
    public List<AgreementProduct> Products { get; set; } = [];
}

/// <summary>One product of a <see cref="CustomerAgreement"/>: its kind as listed and the quantity (0: unlimited).</summary>
public sealed class AgreementProduct
{
    public long CustomerId { get; set; }
    public long ProductId { get; set; }
    public ProductKind Kind { get; set; }

    /// <summary>How many of the customer's open accounts may hold the product; 0 means any number.</summary>
    public int Quantity { get; set; }

    /// <summary>The reseller above the customer, copied so tenant filters need no join.</summary>
    public long? ResellerId { get; set; }
}
