using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Calls;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Calls;

/// <summary>Call detail records: every call attempt the switch carried or an import brought in, in the caller's scope.</summary>
public static class CdrsApi
{
    public sealed record CdrResponse(
        long Id, string CallId, string Source, string? Account, long? CustomerId, long? ResellerId,
        string? CallerAccount, string? CalleeAccount, long? IncomingConnectionId, long? OutgoingConnectionId,
        string CallingNumber, string CalledNumber, DateTime SetupAt, DateTime? ConnectAt, DateTime DisconnectAt,
        DateTime? BilledEnd, int BilledSeconds, int? FinalSipStatus, string DisconnectReason, string DisconnectSide,
        string? CallerKeepAlive, string? CalleeKeepAlive);

    public static RouteGroupBuilder MapCdrsApi(this RouteGroupBuilder api)
    {
        var cdrs = api.MapGroup("/cdrs").WithTags("Calls");
        cdrs.MapGet("/", List).Allow(Realms.All, Section.Xdrs, Operation.Read)
            .WithSummary("List call detail records in your scope, newest first; filter by accountId (the account's id string), customerId, from and to (setup time)");
        cdrs.MapGet("/{id:long}", Get).Allow(Realms.All, Section.Xdrs, Operation.Read).WithSummary("Read one call detail record");
        return cdrs;
    }

    private static async Task<Ok<Page<CdrResponse>>> List(
        TollgateDb db, Paging paging, string? accountId, long? customerId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var query = db.Set<Cdr>().AsNoTracking();
        if (accountId is not null)
        {
            var keys = db.Accounts.Where(a => a.AccountId == accountId).Select(a => (long?)a.Id);
            query = query.Where(c => keys.Contains(c.AccountId) || keys.Contains(c.CallerAccountId) || keys.Contains(c.CalleeAccountId));
        }
        if (customerId is not null) query = query.Where(c => c.CustomerId == customerId);
        if (from is not null)
        {
            var start = from.Value.UtcDateTime;
            query = query.Where(c => c.SetupAt >= start);
        }
        if (to is not null)
        {
            var end = to.Value.UtcDateTime;
            query = query.Where(c => c.SetupAt < end);
        }
        var page = await paging.ReadAsync(query.OrderByDescending(c => c.SetupAt).ThenByDescending(c => c.Id), c => c, ct);
        var names = await AccountNamesAsync(db, page.Items, ct);
        return TypedResults.Ok(new Page<CdrResponse>(page.Items.Select(c => Map(c, names)).ToList(), page.Total, page.Limit, page.Offset));
    }

    private static async Task<Results<Ok<CdrResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var cdr = await db.Set<Cdr>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cdr is null) return Problem.NotFound("call detail record", id).ToResult();
        return TypedResults.Ok(Map(cdr, await AccountNamesAsync(db, [cdr], ct)));
    }

    /// <summary>
    /// The account ids (names) a page of CDRs mentions. Read in a query of its own, past the tenant filter on purpose: a
    /// CDR in scope may name the other party's account. (Inside the CDR query, ignoring filters would drop the CDRs' own
    /// filter too, because EF applies IgnoreQueryFilters to the whole query.)
    /// </summary>
    private static async Task<Dictionary<long, string>> AccountNamesAsync(TollgateDb db, IReadOnlyList<Cdr> cdrs, CancellationToken ct)
    {
        var keys = cdrs.SelectMany(c => new[] { c.AccountId, c.CallerAccountId, c.CalleeAccountId })
            .OfType<long>().Distinct().ToList();
        if (keys.Count == 0) return [];
        return await db.Accounts.IgnoreQueryFilters().AsNoTracking().Where(a => keys.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.AccountId, ct);
    }

    private static CdrResponse Map(Cdr c, Dictionary<long, string> names) => new(
        c.Id, c.CallId, c.Source == CdrSource.Switch ? "switch" : "import", Name(names, c.AccountId), c.CustomerId, c.ResellerId,
        Name(names, c.CallerAccountId), Name(names, c.CalleeAccountId), c.IncomingConnectionId, c.OutgoingConnectionId,
        c.CallingNumber, c.CalledNumber, c.SetupAt, c.ConnectAt, c.DisconnectAt, c.BilledEnd, c.BilledSeconds, c.FinalSipStatus,
        c.DisconnectReason, c.DisconnectSide, c.CallerKeepAlive, c.CalleeKeepAlive);

    private static string? Name(Dictionary<long, string> names, long? key) =>
        key is { } k && names.TryGetValue(k, out var name) ? name : null;
}
