using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary>The problem types of the IP Centrex feature (see docs/centrex.md), and the problems built from them.</summary>
public static class CentrexProblems
{
    /// <summary>422: a customer gave one of its accounts a product its agreement does not list.</summary>
    public const string NotInAgreement = ProblemTypes.Base + "not-in-agreement";

    /// <summary>409: the agreement lists the product, but as many accounts as it allows already hold it.</summary>
    public const string AgreementQuantityExceeded = ProblemTypes.Base + "agreement-quantity-exceeded";

    /// <summary>409: the number is already an alias (or the account id) of an account.</summary>
    public const string AliasInUse = ProblemTypes.Base + "alias-in-use";

    /// <summary>403: the administrator or the reseller blocked the account, so the customer (or the reseller) may not lift the block nor change it.</summary>
    public const string BlockedByProvider = ProblemTypes.Base + "account-blocked-by-provider";

    public static Problem Refused(AgreementRefusal refusal, string productName, string field, long customerId)
    {
        var product = $"product {refusal.ProductId} ({productName})";
        var extensions = new Dictionary<string, object?> { ["productId"] = refusal.ProductId, ["productName"] = productName };
        if (!refusal.InAgreement)
        {
            var detail = $"The agreement of customer {customerId} does not include {product}.";
            return new Problem(StatusCodes.Status422UnprocessableEntity, NotInAgreement, "The product is not in the customer's agreement.", detail)
            {
                Errors = new Dictionary<string, string[]> { [field] = [$"{product} is not in the agreement"] }, Extensions = extensions,
            };
        }
        extensions["quantity"] = refusal.Quantity;
        extensions["used"] = refusal.Used;
        var accounts = refusal.Quantity == 1 ? "1 account" : $"{refusal.Quantity} accounts";
        var reason = $"the agreement allows {product} on {accounts} and {refusal.Used} already {(refusal.Used == 1 ? "has" : "have")} it";
        return new Problem(StatusCodes.Status409Conflict, AgreementQuantityExceeded, "The agreement's quantity for the product is used up.",
            $"Customer {customerId}: {reason}.")
        {
            Errors = new Dictionary<string, string[]> { [field] = [reason] }, Extensions = extensions,
        };
    }

    /// <summary>The alias is taken; <paramref name="holder"/> names the account when the caller may see it.</summary>
    public static Problem AliasTaken(string alias, string? holder, bool isAccountId = false)
    {
        var reason = holder is null
            ? $"{alias} is already in use by an account of another customer"
            : isAccountId ? $"{alias} is the account id of account {holder}" : $"{alias} is already an alias of account {holder}";
        return new Problem(StatusCodes.Status409Conflict, AliasInUse, "The number is already in use.", $"{char.ToUpperInvariant(reason[0])}{reason[1..]}.")
        {
            Errors = new Dictionary<string, string[]> { ["alias"] = [reason] },
            Extensions = new Dictionary<string, object?> { ["alias"] = alias, ["heldBy"] = holder },
        };
    }

    public static Problem Blocked(string accountId, BlockedBy blockedBy, string what)
    {
        var by = blockedBy == BlockedBy.Administrator ? "the administrator" : "the reseller";
        return new Problem(StatusCodes.Status403Forbidden, BlockedByProvider, "The account was blocked by your provider.",
            $"Account {accountId} was blocked by {by}; only {by} can {what}.")
        {
            Extensions = new Dictionary<string, object?> { ["blockedBy"] = blockedBy == BlockedBy.Administrator ? "administrator" : "reseller" },
        };
    }
}
