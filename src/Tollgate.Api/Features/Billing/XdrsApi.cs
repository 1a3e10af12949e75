using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Calls;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Features.Billing;

/// <summary>Charge records (xDRs): every line billing wrote, with whom it charges and for which days.</summary>
public static class XdrsApi
{
    /// <summary>A charge record. For usage (<c>kind: usage</c>) the source is the CDR (<see cref="CdrId"/>) and the fee the price per minute;
    /// for subscription fees it is the assigned subscription. The provider's cost of a call has <c>payer: provider</c> and the vendor connection as payer id.</summary>
    public sealed record XdrResponse(
        long Id, XdrKind Kind, PayerKind Payer, long PayerId, long? AccountId, long? CustomerId, long? ResellerId, long? SubscriptionId,
        long? AssignedSubscriptionId, long? CdrId, DateOnly PeriodStart, DateOnly ServiceFrom, DateOnly ServiceTo, decimal Fee, decimal Amount,
        string Currency, DateTime CreatedAt, DateTime? UpdatedAt);

    public static readonly Expression<Func<Xdr, XdrResponse>> Projection = x => new XdrResponse(
        x.Id, x.Kind, x.PayerKind, x.PayerId, x.AccountId, x.CustomerId, x.ResellerId, x.SubscriptionId,
        x.Kind == XdrKind.Usage ? null : x.SourceId, x.Kind == XdrKind.Usage ? x.SourceId : null, x.PeriodStart,
        x.ServiceFrom, x.ServiceTo, MoneyJson.Exact(x.Fee, x.Currency), MoneyJson.Amount(x.Amount, x.Currency), x.Currency, x.CreatedAt, x.UpdatedAt);

    public static RouteGroupBuilder MapXdrsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/xdrs", List).WithTags("Billing").Allow(Realms.Staff | Realms.Customer, Section.Xdrs, Operation.Read)
            .WithSummary("List charge records in your scope; filter by customerId or resellerId (the payer), accountId, periodStart, kind, cdrId");
        return api;
    }

    private static async Task<Ok<Page<XdrResponse>>> List(
        TollgateDb db, Paging paging, long? customerId, long? resellerId, long? accountId, DateOnly? periodStart, string? kind, long? cdrId,
        CancellationToken ct)
    {
        var query = db.Set<Xdr>().AsNoTracking();
        if (customerId is not null) query = query.Where(x => x.PayerKind == PayerKind.Customer && x.PayerId == customerId);
        if (resellerId is not null) query = query.Where(x => x.PayerKind == PayerKind.Reseller && x.PayerId == resellerId);
        if (accountId is not null) query = OfAccount(db, query, accountId.Value);
        if (periodStart is not null) query = query.Where(x => x.PeriodStart == periodStart);
        if (Query.Enum<XdrKind>(kind, "kind") is { } wanted) query = query.Where(x => x.Kind == wanted);
        if (cdrId is not null) query = query.Where(x => x.Kind == XdrKind.Usage && x.SourceId == cdrId);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(x => x.Id).Select(Projection), x => x, ct));
    }

    /// <summary>The charges of one account, found through their sources.</summary>
    /// <remarks>
    /// The ledger has no index on the account (every index costs each charge written, bench/README.md "Rating"); a
    /// charge's source does have one, and every source belongs to one account: a call charged to it (found in its
    /// customer's CDR index) or a subscription assigned to it. The sources are read within the caller's scope too: EF
    /// would drop the charges' own tenant filter with them if they were not.
    /// </remarks>
    private static IQueryable<Xdr> OfAccount(TollgateDb db, IQueryable<Xdr> query, long accountId)
    {
        var calls = from c in db.Set<Cdr>()
                    join a in db.Accounts on c.CustomerId equals a.CustomerId
                    where a.Id == accountId && c.AccountId == accountId
                    select c.Id;
        var subscriptions = db.Set<AssignedSubscription>().Where(s => s.AccountId == accountId).Select(s => s.Id);
        return query.Where(x => x.AccountId == accountId && x.Kind == XdrKind.Usage && calls.Contains(x.SourceId))
            .Concat(query.Where(x => x.AccountId == accountId && x.Kind != XdrKind.Usage && subscriptions.Contains(x.SourceId)));
    }
}
