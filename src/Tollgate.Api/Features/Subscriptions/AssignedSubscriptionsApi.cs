using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Parties;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;

namespace Tollgate.Api.Features.Subscriptions;

/// <summary>Subscriptions assigned to accounts, customers and resellers: list, assign, adjust the fee, close.</summary>
/// <remarks>
/// <para>
/// <c>/accounts/{id}/subscriptions</c> lists what is assigned to the account (a customer sees only what it pays);
/// <c>/customers/{id}/subscriptions</c> everything the customer is charged for; <c>/resellers/{id}/subscriptions</c>
/// everything the reseller is charged for, including the reseller subscription of each account it signed up.
/// </para>
/// <para>
/// A reseller may assign, adjust and close the account subscriptions of its customers, but never touch a reseller
/// subscription (what the provider charges it), and it may not close the account subscription of a product the
/// administrators manage (it adjusts the fee instead).
/// </para>
/// </remarks>
public static class AssignedSubscriptionsApi
{
    public sealed record Adjustment
    {
        public required AdjustmentType Type { get; init; }

        /// <summary>A percentage for relative types, an amount per month for fixed ones.</summary>
        public required decimal Value { get; init; }
    }

    public sealed record AssignSubscription : IValidatable
    {
        public required long SubscriptionId { get; init; }

        /// <summary>The first day it runs; today in the payer's time zone when absent.</summary>
        public DateOnly? StartDate { get; init; }

        /// <summary>The first day it no longer runs (charges stop from that day); open-ended when absent.</summary>
        public DateOnly? FinishDate { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (StartDate is { } start && FinishDate is { } finish && finish <= start) errors.Add("finishDate", "must be after startDate");
        }
    }

    public sealed record UpdateAssignedSubscription : IValidatable
    {
        /// <summary>The fee adjustment; null removes it.</summary>
        public Optional<Adjustment?> Adjustment { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (!Adjustment.HasValue) errors.Add("adjustment", "is required (null removes the adjustment)");
        }
    }

    public sealed record AssignedSubscriptionResponse(
        long Id, long SubscriptionId, string Name, SubscriptionKind Kind, AssignedSubscriptionStatus Status, DateOnly StartDate,
        DateOnly? ActivationDate, DateOnly? FinishDate, decimal Fee, Adjustment? Adjustment, decimal EffectiveFee, string Currency,
        ActivationMode ActivationMode, ChargeMode ChargeMode, int PrepaidMonths, AssignmentTarget AssignedTo, long? AccountId, long? CustomerId,
        long? ResellerId, PayerKind Payer, long PayerId, long? ProductId);

    public sealed record FirstUsageBody
    {
        /// <summary>When the account was used (its first rated call).</summary>
        public required DateTimeOffset At { get; init; }
    }

    public sealed record FirstUsageResponse(long AccountId, DateTime FirstUsedAt, int Activated);

    public static RouteGroupBuilder MapAssignedSubscriptionsApi(this RouteGroupBuilder api)
    {
        MapFor(api.MapGroup("/accounts").WithTags("Subscriptions"), AssignmentTarget.Account, readers: Realms.All, writers: Realms.Staff);
        MapFor(api.MapGroup("/customers").WithTags("Subscriptions"), AssignmentTarget.Customer, readers: Realms.Staff | Realms.Customer, writers: Realms.Staff);
        MapFor(api.MapGroup("/resellers").WithTags("Subscriptions"), AssignmentTarget.Reseller, readers: Realms.Staff, writers: Realms.Admin);
        api.MapPost("/accounts/{id:long}/first-usage", RecordFirstUsage).WithTags("Subscriptions").Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Record the account's first usage: its first-usage subscriptions become active from that day");
        return api;
    }

    private static void MapFor(RouteGroupBuilder group, AssignmentTarget target, Realms readers, Realms writers)
    {
        var what = target.ToString().ToLowerInvariant();
        group.MapGet("/{id:long}/subscriptions", (long id, TollgateDb db, Paging paging, TimeProvider clock, CancellationToken ct) =>
                List(target, id, db, paging, clock, ct))
            .Allow(readers, Section.Subscriptions, Operation.Read)
            .WithSummary(target == AssignmentTarget.Reseller
                ? "Every subscription the reseller is charged for, including each account's reseller subscription"
                : $"The subscriptions of a {what}, with status and effective fee");
        group.MapGet("/{id:long}/subscriptions/{sid:long}", (long id, long sid, TollgateDb db, TimeProvider clock, CancellationToken ct) =>
                Get(target, id, sid, db, clock, ct))
            .Allow(readers, Section.Subscriptions, Operation.Read).WithSummary($"Read one subscription of a {what}");
        group.MapPost("/{id:long}/subscriptions", (long id, Body<AssignSubscription> body, TollgateDb db, CallerAccessor callers,
                SubscriptionAssigner assigner, TimeProvider clock, CancellationToken ct) => Assign(target, id, body, db, callers, assigner, clock, ct))
            .Allow(writers, Operation.Modify).WithSummary($"Assign a subscription plan to a {what}");
        group.MapPatch("/{id:long}/subscriptions/{sid:long}", (long id, long sid, Body<UpdateAssignedSubscription> body, TollgateDb db,
                CallerAccessor callers, TimeProvider clock, CancellationToken ct) => Adjust(target, id, sid, body, db, callers, clock, ct))
            .Allow(writers, Operation.Modify).WithSummary("Set or remove the fee adjustment of an assigned subscription");
        group.MapDelete("/{id:long}/subscriptions/{sid:long}", (long id, long sid, TollgateDb db, CallerAccessor callers,
                SubscriptionAssigner assigner, TimeProvider clock, CancellationToken ct) => Close(target, id, sid, db, callers, assigner, clock, ct))
            .Allow(writers, Operation.Modify).WithSummary("Close an assigned subscription: charges stop from today");
    }

    /// <summary>The assigned subscriptions a path shows: the account's, or everything a customer or reseller pays.</summary>
    private static Expression<Func<AssignedSubscription, bool>> Of(AssignmentTarget target, long id) => target switch
    {
        AssignmentTarget.Account => s => s.AccountId == id,
        AssignmentTarget.Customer => s => s.PayerKind == PayerKind.Customer && s.PayerId == id,
        _ => s => s.PayerKind == PayerKind.Reseller && s.PayerId == id,
    };

    private static async Task<Results<Ok<Page<AssignedSubscriptionResponse>>, ProblemHttpResult>> List(
        AssignmentTarget target, long id, TollgateDb db, Paging paging, TimeProvider clock, CancellationToken ct)
    {
        if (await HolderAsync(db, target, id, ct) is null) return Problem.NotFound(target.ToString().ToLowerInvariant(), id).ToResult();
        var page = await paging.ReadAsync(db.Set<AssignedSubscription>().AsNoTracking().Where(Of(target, id)).OrderBy(s => s.Id), x => x, ct);
        return TypedResults.Ok(new Page<AssignedSubscriptionResponse>(await ResponsesAsync(db, page.Items, clock, ct), page.Total, page.Limit, page.Offset));
    }

    private static async Task<Results<Ok<AssignedSubscriptionResponse>, ProblemHttpResult>> Get(
        AssignmentTarget target, long id, long sid, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var assigned = await db.Set<AssignedSubscription>().AsNoTracking().Where(Of(target, id)).FirstOrDefaultAsync(s => s.Id == sid, ct);
        if (assigned is null) return Problem.NotFound("assigned subscription", sid).ToResult();
        return TypedResults.Ok((await ResponsesAsync(db, [assigned], clock, ct))[0]);
    }

    private static async Task<Results<Created<AssignedSubscriptionResponse>, ProblemHttpResult>> Assign(
        AssignmentTarget target, long id, Body<AssignSubscription> body, TollgateDb db, CallerAccessor callers, SubscriptionAssigner assigner,
        TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        var holder = await HolderAsync(db, target, id, ct);
        if (holder is null) return Problem.NotFound(target.ToString().ToLowerInvariant(), id).ToResult();
        var plan = await db.Set<Subscription>().FirstOrDefaultAsync(s => s.Id == input.SubscriptionId, ct);
        if (plan is null) return Problem.ReferenceNotFound("subscriptionId", "subscription", input.SubscriptionId).ToResult();
        if (callers.Required.Realm == Realm.Reseller && plan.Kind == SubscriptionKind.Reseller)
            return Problem.Forbidden("Reseller subscriptions are what the provider charges resellers; only administrators assign them.").ToResult();
        await LockHolderAsync(db, holder, ct);

        var outcome = await assigner.AssignAsync(db, holder, plan, input.StartDate, input.FinishDate, null, ct);
        if (outcome.Error is { } error) return error.ToProblem().ToResult();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var assigned = outcome.Value!;
        return TypedResults.Created($"/api/v1/{target.ToString().ToLowerInvariant()}s/{id}/subscriptions/{assigned.Id}",
            (await ResponsesAsync(db, [assigned], clock, ct))[0]);
    }

    private static async Task<Results<Ok<AssignedSubscriptionResponse>, ProblemHttpResult>> Adjust(
        AssignmentTarget target, long id, long sid, Body<UpdateAssignedSubscription> body, TollgateDb db, CallerAccessor callers,
        TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<AssignedSubscription>(sid, ct);
        // No Include of the plan: its filter would hide an assigned subscription whose plan the caller cannot see (an
        // administrator's unshared plan given to a reseller's customer), though the subscription itself decides visibility.
        var assigned = await db.Set<AssignedSubscription>().Where(Of(target, id)).FirstOrDefaultAsync(s => s.Id == sid, ct);
        if (assigned is null) return Problem.NotFound("assigned subscription", sid).ToResult();
        if (callers.Required.Realm == Realm.Reseller && assigned.PayerKind == PayerKind.Reseller)
            return Problem.Forbidden("A reseller cannot adjust a reseller subscription: it is what the provider charges it.").ToResult();
        var plan = await db.Set<Subscription>().IgnoreQueryFilters().FirstAsync(s => s.Id == assigned.SubscriptionId, ct);
        FeeAdjustment? adjustment = null;
        if (body.Value.Adjustment.Value is { } wanted)
        {
            adjustment = new FeeAdjustment(wanted.Type, wanted.Value);
            var problems = adjustment.Problems(Currency.Of(plan.Currency).MinorUnits).ToArray();
            if (problems.Length > 0) return Problem.Validation(new Dictionary<string, string[]> { ["adjustment.value"] = problems }).ToResult();
        }
        if (SubscriptionAssigner.Adjust(assigned, plan, adjustment) is { } error) return error.ToProblem().ToResult();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ResponsesAsync(db, [assigned], clock, ct))[0]);
    }

    private static async Task<Results<Ok<AssignedSubscriptionResponse>, ProblemHttpResult>> Close(
        AssignmentTarget target, long id, long sid, TollgateDb db, CallerAccessor callers, SubscriptionAssigner assigner, TimeProvider clock,
        CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<AssignedSubscription>(sid, ct);
        var assigned = await db.Set<AssignedSubscription>().Where(Of(target, id)).FirstOrDefaultAsync(s => s.Id == sid, ct);
        if (assigned is null) return Problem.NotFound("assigned subscription", sid).ToResult();
        if (assigned.Status == AssignedSubscriptionStatus.Closed) return Problem.Conflict($"Assigned subscription {sid} is closed already.").ToResult();
        if (callers.Required.Realm == Realm.Reseller)
        {
            if (assigned.PayerKind == PayerKind.Reseller)
                return Problem.Forbidden("A reseller cannot close a reseller subscription: it is what the provider charges it.").ToResult();
            if (assigned.ProductId is { } productId
                && await db.Set<Product>().IgnoreQueryFilters().AnyAsync(p => p.Id == productId && p.ManagedBy == null, ct))
                return Problem.Forbidden($"This account subscription comes with product {productId}, which the administrators manage: a reseller " +
                                         "cannot replace it, but may adjust its fee.").ToResult();
        }
        await assigner.CloseAsync(db, assigned, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ResponsesAsync(db, [assigned], clock, ct))[0]);
    }

    private static async Task<Results<Ok<FirstUsageResponse>, ProblemHttpResult>> RecordFirstUsage(
        long id, Body<FirstUsageBody> body, TollgateDb db, FirstUsage firstUsage, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        var outcome = await firstUsage.RecordAsync(db, account, body.Value.At, ct);
        if (outcome.Error is { } error) return error.ToProblem().ToResult();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var usedAt = await db.Set<AccountFirstUsage>().Where(u => u.AccountId == id).Select(u => u.FirstUsedAt).FirstAsync(ct);
        return TypedResults.Ok(new FirstUsageResponse(id, usedAt, outcome.Value));
    }

    private static async Task<AssignmentHolder?> HolderAsync(TollgateDb db, AssignmentTarget target, long id, CancellationToken ct) => target switch
    {
        AssignmentTarget.Account => await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? AssignmentHolder.Of(a) : null,
        AssignmentTarget.Customer => await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? AssignmentHolder.Of(c) : null,
        _ => await db.Resellers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? AssignmentHolder.Of(r) : null,
    };

    /// <summary>Serializes assignments to one holder on PostgreSQL, so "not twice" holds under concurrency.</summary>
    private static Task LockHolderAsync(TollgateDb db, AssignmentHolder holder, CancellationToken ct) => holder.Kind switch
    {
        AssignmentTarget.Account => db.LockForUpdateAsync<Data.Parties.Account>(holder.Id, ct),
        AssignmentTarget.Customer => db.LockForUpdateAsync<Data.Parties.Customer>(holder.Id, ct),
        _ => db.LockForUpdateAsync<Data.Parties.Reseller>(holder.Id, ct),
    };

    /// <summary>Responses with plan details and the status as of today in each payer's time zone.</summary>
    internal static async Task<List<AssignedSubscriptionResponse>> ResponsesAsync(TollgateDb db, IReadOnlyList<AssignedSubscription> items,
        TimeProvider clock, CancellationToken ct)
    {
        var planIds = items.Select(s => s.SubscriptionId).Distinct().ToList();
        // The assigned subscription decides visibility; its plan is described whoever may see the plan itself.
        var plans = await db.Set<Subscription>().IgnoreQueryFilters().AsNoTracking().Where(s => planIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var payers = new PayerCache(db);
        var now = clock.GetUtcNow();
        var responses = new List<AssignedSubscriptionResponse>(items.Count);
        foreach (var s in items)
        {
            var plan = plans[s.SubscriptionId];
            var today = (await payers.GetAsync(s.PayerKind, s.PayerId, ct)).DateAt(now);
            responses.Add(new AssignedSubscriptionResponse(s.Id, s.SubscriptionId, plan.Name, plan.Kind, SubscriptionAssigner.StatusOn(s, today),
                s.StartDate, s.ActivationDate, s.FinishDate, MoneyJson.Amount(plan.Fee, plan.Currency),
                s.Adjustment is { } a ? new Adjustment { Type = a.Type, Value = MoneyJson.Plain(a.Value) } : null,
                MoneyJson.Exact(FeeAdjustment.Effective(plan.Fee, s.Adjustment), plan.Currency), plan.Currency, plan.ActivationMode, plan.ChargeMode, plan.PrepaidMonths,
                s.Target, s.AccountId, s.CustomerId, s.ResellerId, s.PayerKind, s.PayerId, s.ProductId));
        }
        return responses;
    }
}
