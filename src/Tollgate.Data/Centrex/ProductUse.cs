using Tollgate.Data.Audit;

namespace Tollgate.Data.Centrex;

/// <summary>How many of a customer's open (active or blocked) accounts hold a product: the use an agreement's quantity limits.</summary>
/// <remarks>
/// <para>
/// Kept by database triggers (<see cref="ProductUseTriggers"/>) on every change of an account's products and of an
/// account's status, whatever code makes it, so an agreement check reads one row instead of counting the customer's
/// accounts (which grew with every extension: about 1.4 ms of PostgreSQL time per creation at 170 extensions). Nothing
/// in the application writes it.
/// </para>
/// <para>
/// A row appears with the first account that gets the product and stays (at 0 when no open account holds it). Like the
/// count it replaces, it follows the customer recorded on each account product.
/// </para>
/// </remarks>
[NotAudited("bookkeeping that database triggers derive from account products and account status, which are audited")]
public sealed class ProductUse
{
    public long CustomerId { get; set; }
    public long ProductId { get; set; }

    /// <summary>The reseller above the customer, copied so tenant filters need no join.</summary>
    public long? ResellerId { get; set; }

    /// <summary>How many of the customer's open accounts hold the product now.</summary>
    public int OpenAccounts { get; set; }
}
