using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Hosting;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Domain.Access;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary>The call control API: live calls in the caller's scope, click-to-dial, disconnect, blind transfer, and their events.</summary>
/// <remarks>
/// Every endpoint takes the same access token as the billing API and is governed by the <c>callControl</c> section
/// (read for the lists and the event stream, modify for the rest). A call outside the caller's scope answers 404 as
/// if it did not exist; a <c>from</c> account outside it likewise (naming the field).
/// </remarks>
public static class CallControlApi
{
    public static RouteGroupBuilder MapCallControlApi(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").WithTags("Call control");
        calls.MapGet("/", ListAsync).Allow(Realms.All, Section.CallControl, Operation.Read)
            .WithSummary("List the live calls (ringing or answered) of the accounts in your scope, newest first; filter by accountId");
        calls.MapGet("/events", CallEventStream.StreamAsync).Allow(Realms.All, Section.CallControl, Operation.Read)
            .WithMetadata(new AdmissionExemptAttribute()) // stays open: it would hold a turn for as long as it listens
            .Produces(StatusCodes.Status200OK, contentType: CallEventStream.ContentType)
            .WithSummary("Server-Sent Events: every change of state (ringing, answered, transferred, ended) of the calls in your scope");
        calls.MapGet("/{id}", GetAsync).Allow(Realms.All, Section.CallControl, Operation.Read).WithSummary("Read one live call");
        calls.MapPost("/", OriginateAsync).Allow(Realms.All, Section.CallControl, Operation.Modify)
            .WithSummary("Click-to-dial: ring the phone of account 'from', then call 'to' for it and connect the two");
        calls.MapDelete("/{id}", DisconnectAsync).Allow(Realms.All, Section.CallControl, Operation.Modify)
            .WithSummary("Disconnect a call: cancel it while it rings, or hang up both parties");
        calls.MapPost("/{id}/transfer", TransferAsync).Allow(Realms.All, Section.CallControl, Operation.Modify)
            .WithSummary("Blind transfer: connect a party of the call (by default the remote party) to 'to' instead");
        return calls;
    }

    /// <summary>Where a call is read: <c>/api/v1/calls/{id}</c>.</summary>
    public static string Location(string id) => $"{TollgateApiModule.ApiPrefix}/calls/{Uri.EscapeDataString(id)}";

    private static async Task<Ok<Page<CallResponse>>> ListAsync(CallControl control, CallScope scope, Paging paging, string? accountId,
        CancellationToken ct)
    {
        IReadOnlyList<CallView> calls = control.List();
        if (accountId is not null)
            calls = calls.Where(c => c.Caller.AccountId == accountId || c.Callee.AccountId == accountId || c.BilledAccountId == accountId).ToList();
        var visible = (await scope.FilterAsync(calls, ct)).OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var page = visible.Skip(paging.Offset).Take(paging.Limit).Select(CallResponse.Of).ToList();
        return TypedResults.Ok(new Page<CallResponse>(page, visible.Count, paging.Limit, paging.Offset));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> GetAsync(string id, CallControl control, CallScope scope,
        CancellationToken ct) =>
        await FindAsync(id, control, scope, ct) is { } call ? TypedResults.Ok(CallResponse.Of(call)) : Problem.NotFound("live call", id).ToResult();

    private static async Task<Results<Accepted<CallResponse>, ProblemHttpResult>> OriginateAsync(Body<OriginateBody> body, TollgateDb db,
        CallControl control, CancellationToken ct)
    {
        var (from, to) = (body.Value.From, body.Value.To);
        if (!await db.Accounts.AsNoTracking().AnyAsync(a => a.AccountId == from, ct))
            return Problem.ReferenceNotFound("from", "account", from).ToResult();
        var result = await control.OriginateAsync(from, to, ct);
        if (CallControlProblems.For(result, from, "from") is { } problem) return problem.ToResult();
        return TypedResults.Accepted(Location(result.Call!.Id), CallResponse.Of(result.Call));
    }

    private static async Task<Results<Accepted<CallResponse>, ProblemHttpResult>> DisconnectAsync(string id, CallControl control, CallScope scope,
        CancellationToken ct)
    {
        if (await FindAsync(id, control, scope, ct) is null) return Problem.NotFound("live call", id).ToResult();
        var result = control.Disconnect(id);
        if (CallControlProblems.For(result, id, null) is { } problem) return problem.ToResult();
        return TypedResults.Accepted(Location(id), CallResponse.Of(result.Call!));
    }

    private static async Task<Results<Accepted<CallResponse>, ProblemHttpResult>> TransferAsync(string id, Body<TransferBody> body,
        CallControl control, CallScope scope, CancellationToken ct)
    {
        if (await FindAsync(id, control, scope, ct) is not { } call) return Problem.NotFound("live call", id).ToResult();
        var mine = await scope.VisibleAsync(call.AccountKeys(), ct);
        var party = body.Value.Party ?? RemoteParty(call, mine);
        var other = party == CallSide.Caller ? CallSide.Callee : CallSide.Caller;
        // The new call is placed, and paid for, by an account of the caller's: the party that drops out when it is one.
        var payer = new[] { call.Party(other), call.Party(party) }
            .Where(p => p.AccountKey is { } key && mine.Contains(key)).Select(p => p.AccountId).FirstOrDefault()
            ?? (call.BilledAccountKey is { } billed && mine.Contains(billed) ? call.BilledAccountId : null);
        if (payer is null)
            return Problem.Unprocessable("Neither party of the call is an account of yours that could place the new call.").ToResult();
        var result = await control.TransferAsync(id, new TransferRequest(party, body.Value.To, payer), ct);
        if (CallControlProblems.For(result, id, null) is { } problem) return problem.ToResult();
        return TypedResults.Accepted(Location(result.Call!.Id), CallResponse.Of(result.Call));
    }

    /// <summary>
    /// The party a transfer moves when the request does not say: the one that is not the caller's own when exactly one
    /// is; otherwise the other end of whoever controls the call (the callee of a click-to-dial call, the caller of a call
    /// that came in, as a receptionist hands on the person who called).
    /// </summary>
    internal static CallSide RemoteParty(CallView call, IReadOnlySet<long> mine)
    {
        var callerMine = call.Caller.AccountKey is { } caller && mine.Contains(caller);
        var calleeMine = call.Callee.AccountKey is { } callee && mine.Contains(callee);
        if (callerMine != calleeMine) return callerMine ? CallSide.Callee : CallSide.Caller;
        return call.Kind == CallKind.ClickToDial ? CallSide.Callee : CallSide.Caller;
    }

    private static async Task<CallView?> FindAsync(string id, CallControl control, CallScope scope, CancellationToken ct) =>
        control.Find(id) is { } call && await scope.SeesAsync(call, ct) ? call : null;
}
