using Tollgate.Domain.Billing;

namespace Tollgate.Domain.Centrex;

/// <summary>One product in a customer's agreement and how many of the customer's accounts may hold it (0: any number).</summary>
public sealed record AgreementItem(long ProductId, ProductKind Kind, int Quantity)
{
    public bool Unlimited => Quantity == 0;
}

/// <summary>Why a customer may not give a product to one more account.</summary>
/// <param name="ProductId">The product refused.</param>
/// <param name="InAgreement">False: the agreement does not list it at all. True: it does, but its quantity is used up.</param>
/// <param name="Quantity">The agreement's quantity for it (when listed).</param>
/// <param name="Used">How many of the customer's open accounts hold it now.</param>
public sealed record AgreementRefusal(long ProductId, bool InAgreement, int Quantity, int Used);

/// <summary>The limits a customer's agreement puts on the products it gives its own extensions and auto attendants.</summary>
/// <remarks>
/// <para>
/// Every product a customer gives an account must be listed in its agreement, and an account more may hold it only while
/// fewer accounts than the quantity hold it now (0 means no limit). Only products the account does not hold yet
/// count: an account keeps what it has even after the agreement shrank, and a change that keeps a product uses no more
/// of it. "Holding" counts every open (active or blocked) account of the customer, however it was created, because the
/// agreement limits accounts, not API calls.
/// </para>
/// <para>
/// The provider's administrators and the customer's reseller are not limited: the agreement is what they allow the
/// customer to do alone.
/// </para>
/// </remarks>
public static class AgreementLimits
{
    /// <summary>The first refusal for the products an account is about to get (in the order given), or null when all are allowed.</summary>
    /// <param name="agreement">The customer's agreement.</param>
    /// <param name="used">Per product, how many of the customer's open accounts hold it now (absent: none).</param>
    /// <param name="added">The products the account does not hold yet and is to get.</param>
    public static AgreementRefusal? Check(IReadOnlyCollection<AgreementItem> agreement, IReadOnlyDictionary<long, int> used, IEnumerable<long> added)
    {
        foreach (var productId in added)
        {
            var item = agreement.FirstOrDefault(i => i.ProductId == productId);
            var inUse = used.GetValueOrDefault(productId);
            if (item is null) return new AgreementRefusal(productId, false, 0, inUse);
            if (!item.Unlimited && inUse >= item.Quantity) return new AgreementRefusal(productId, true, item.Quantity, inUse);
        }
        return null;
    }

    /// <summary>How many more accounts may get a product: null when unlimited, never below zero.</summary>
    public static int? Available(AgreementItem item, int used) => item.Unlimited ? null : Math.Max(0, item.Quantity - used);
}
