using Tollgate.Data.Rating;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;
using Tollgate.Domain.Time;

namespace Tollgate.Billing.Rating;

/// <summary>The facts of a call that rating reads (from a stored CDR); never changed by rating.</summary>
/// <param name="AccountId">The account the call is charged to, if any.</param>
/// <param name="CallerAccountId">The account that placed it; a call that came in from a vendor has none and costs its account nothing.</param>
/// <param name="CalleeAccountId">The account it reached, when it stayed on the network.</param>
/// <param name="Start">When the call started: its connect time, else its setup time.</param>
public sealed record CallFacts(
    long CdrId, string CallId, long? AccountId, long? CallerAccountId, long? CalleeAccountId, long? OutgoingConnectionId, string CalledNumber,
    DateTime Start, int BilledSeconds)
{
    /// <summary>The call reached an account of this installation without leaving by a vendor connection.</summary>
    public bool OnNet => CalleeAccountId is not null && OutgoingConnectionId is null;
}

/// <summary>One charge of a call, before billing decides which period carries it.</summary>
/// <param name="Day">The payer's date of the call (the tariff's date for the provider's cost).</param>
public sealed record UsageCharge(
    PayerKind PayerKind, long PayerId, long? AccountId, long? CustomerId, long? ResellerId, string Currency, string TimeZone, DateOnly Day,
    decimal PricePerMinute, int ChargedSeconds, decimal Amount);

/// <summary>What rating one call gives: its charges, what stopped the others, and whether it was a usage of its account.</summary>
/// <param name="UsedAccount">The account whose (first) usage this call is, when the customer's charge could be rated.</param>
public sealed record CallRating(CallFacts Call, IReadOnlyList<UsageCharge> Charges, IReadOnlyList<RatingProblem> Problems, RatedAccount? UsedAccount)
{
    public CdrRatingStatus Status => Problems.Count == 0 ? CdrRatingStatus.Rated : CdrRatingStatus.Unratable;

    /// <summary>The parties whose charge is missing, as <see cref="RatedParties"/> flags.</summary>
    public int UnratedParties => Problems.Aggregate(0, (flags, p) => flags | p.Party);

    /// <summary>Every problem in words, cut to what the rating row holds.</summary>
    public string? Reason => Problems.Count == 0 ? null : Cut(string.Join("; ", Problems.Select(p => p.Text)), 500);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>Derived charging: the up to three charges of one call, each at its own party's tariff.</summary>
/// <remarks>
/// <list type="number">
/// <item>The account's customer pays at the tariff of the account's main product.</item>
/// <item>The reseller above that customer, if any, pays at its wholesale tariff.</item>
/// <item>The provider's cost of a call that left by a vendor connection is priced at that connection's tariff.</item>
/// </list>
/// <para>
/// Each is computed on its own: one that cannot be (no tariff, no rate) is named as a problem and the others are still
/// charged; rating the call again after the fix adds the missing one only. Calls that came in from a vendor are charged
/// to nobody but may still have a cost; unanswered calls, and calls within a rate's grace period, cost nothing. A
/// charge of zero (a free destination) is not written.
/// </para>
/// <para>
/// The customer must pay every call it places, so an account without a product, or a product without a tariff, makes
/// the call unratable. The other two parties are billed by usage only when they are linked to a tariff: a reseller
/// without a wholesale tariff is billed by subscriptions alone (the two models side by side), and a vendor connection
/// without a tariff has no recorded cost. A call that stayed on the network (from one account to another) is free
/// unless the tariff has a rate for the number dialled, and is never unratable for lack of one.
/// </para>
/// </remarks>
public static class CallPricer
{
    /// <summary>The tariffs and numbers <paramref name="calls"/> need, for <see cref="RateBook.LoadAsync"/>.</summary>
    public static List<(long TariffId, string Number)> Needs(RatingContext context, IEnumerable<CallFacts> calls)
    {
        var needs = new HashSet<(long, string)>();
        // A book of whole tariffs needs only their ids; the numbers would be thousands of entries for nothing.
        var byNumber = !context.Rates.ReadsWholeTariffs;
        foreach (var call in calls)
        {
            if (call.BilledSeconds <= 0) continue;
            var number = byNumber ? call.CalledNumber : "";
            if (Charged(call) && context.Account(call.AccountId!.Value) is { } account)
            {
                if (account.TariffId is { } retail) needs.Add((retail, number));
                if (account.ResellerId is { } r && context.Reseller(r)?.TariffId is { } wholesale) needs.Add((wholesale, number));
            }
            if (call.OutgoingConnectionId is { } c && context.ConnectionTariff(c) is { } cost) needs.Add((cost, number));
        }
        return needs.ToList();
    }

    public static CallRating Rate(RatingContext context, CallFacts call)
    {
        var charges = new List<UsageCharge>(3);
        // Most calls have no problem: the list is made for the few that do.
        List<RatingProblem>? problems = null;
        RatedAccount? used = null;
        if (call.BilledSeconds <= 0) return new CallRating(call, charges, [], null);

        if (Charged(call))
        {
            var account = context.Account(call.AccountId!.Value);
            var customer = account is null ? null : context.Customer(account.CustomerId);
            if (account is null || customer is null)
            {
                (problems ??= []).Add(RatingContext.Problem(RatedParties.Customer, UnratableReason.UnknownAccount, $"account {call.AccountId} does not exist"));
            }
            else
            {
                var (rate, problem) = account.ProductId is null
                    ? (null, RatingContext.Problem(RatedParties.Customer, UnratableReason.NoProduct, $"account {account.Name} has no main product"))
                    : context.Resolve(RatedParties.Customer, new TariffHolder("product", account.ProductName), account.TariffId, customer.Currency,
                        call.CalledNumber, call.Start);
                if (problem is not null && !Free(call, problem)) (problems ??= []).Add(problem);
                if (rate is not null)
                {
                    used = account;
                    Add(charges, rate, call, PayerKind.Customer, customer.Id, account.Id, customer.Id, customer.ResellerId, customer.Currency, customer.TimeZone);
                }
                if (customer.ResellerId is { } resellerId && context.Reseller(resellerId) is { TariffId: not null } reseller)
                {
                    var (wholesale, wholesaleProblem) = context.Resolve(RatedParties.Reseller, new TariffHolder("reseller", reseller.Payer.Name), reseller.TariffId,
                        reseller.Payer.Currency, call.CalledNumber, call.Start);
                    if (wholesaleProblem is not null && !Free(call, wholesaleProblem)) (problems ??= []).Add(wholesaleProblem);
                    if (wholesale is not null)
                        Add(charges, wholesale, call, PayerKind.Reseller, resellerId, account.Id, customer.Id, resellerId, reseller.Payer.Currency, reseller.Payer.TimeZone);
                }
            }
        }

        if (call.OutgoingConnectionId is { } connection && context.ConnectionTariff(connection) is { } costTariff)
        {
            var (cost, costProblem) = context.Resolve(RatedParties.Cost, new TariffHolder("vendor connection", Id: connection), costTariff, null,
                call.CalledNumber, call.Start);
            if (costProblem is not null) (problems ??= []).Add(costProblem);
            // The provider's cost is its own business: it carries no tenant ids, so no reseller or customer ever lists it.
            if (cost is not null) Add(charges, cost, call, PayerKind.Provider, connection, null, null, null, cost.Tariff.Currency, cost.Tariff.TimeZone);
        }
        return new CallRating(call, charges, problems ?? (IReadOnlyList<RatingProblem>)[], used);
    }

    /// <summary>An on-net call the tariff has no rate for is free, not unratable.</summary>
    private static bool Free(CallFacts call, RatingProblem problem) => call.OnNet && problem.Code == UnratableReason.NoRate;

    /// <summary>Whether the call is charged to its account: it has one, and the account placed it.</summary>
    private static bool Charged(CallFacts call) => call.AccountId is not null && call.CallerAccountId == call.AccountId;

    private static void Add(List<UsageCharge> charges, PartyRate rate, CallFacts call, PayerKind kind, long payerId, long? accountId, long? customerId,
        long? resellerId, string currency, string timeZone)
    {
        var price = rate.Rate.Terms.Price(call.BilledSeconds, Currency.Of(currency));
        if (price.Amount == 0) return;
        var day = TimeZones.DateAt(new DateTimeOffset(call.Start, TimeSpan.Zero), timeZone);
        charges.Add(new UsageCharge(kind, payerId, accountId, customerId, resellerId, currency, timeZone, day, rate.Rate.Terms.PricePerMinute,
            price.ChargedSeconds, price.Amount));
    }
}
