using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;

namespace Tollgate.Api.Features.Catalog;

/// <summary>Subscription plans: monthly fees charged to an account's customer (account) or to the reseller above it (reseller).</summary>
/// <remarks>
/// Administrators manage every plan; a reseller sees the administrators' shared plans and its own, may create and change
/// its own account plans, and never creates or changes a reseller plan (what the provider charges it).
/// </remarks>
public static class SubscriptionsApi
{
    public const int MaxPrepaidMonths = 36;

    public sealed record CreateSubscription : IValidatable
    {
        public required string Name { get; init; }
        public required SubscriptionKind Kind { get; init; }

        /// <summary>The fee per calendar month.</summary>
        public required decimal Fee { get; init; }

        public required string Currency { get; init; }
        public ActivationMode ActivationMode { get; init; } = ActivationMode.StartDate;
        public ChargeMode ChargeMode { get; init; } = ChargeMode.InAdvance;
        public int PrepaidMonths { get; init; } = 1;
        public bool CanBeAppliedMoreThanOnce { get; init; }
        public long? ManagedBy { get; init; }
        public bool SharedWithResellers { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name);
            FieldRules.Currency(errors, "currency", Currency);
            FeeRule(errors, Fee, Currency);
            if (PrepaidMonths is < 1 or > MaxPrepaidMonths) errors.Add("prepaidMonths", $"must be from 1 to {MaxPrepaidMonths}");
            if (PrepaidMonths > 1 && ChargeMode == ChargeMode.Progressive)
                errors.Add("prepaidMonths", "a multi-month prepaid plan is charged in advance; it cannot be progressive");
            if (SharedWithResellers && ManagedBy is not null)
                errors.Add("sharedWithResellers", "only the administrators' items are shared; a reseller's items are its own");
        }
    }

    /// <summary>Name, fee, "applied more than once" and sharing may change; what decides how charges are made may not.</summary>
    public sealed record UpdateSubscription : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<decimal> Fee { get; init; }
        public Optional<bool> CanBeAppliedMoreThanOnce { get; init; }
        public Optional<bool> SharedWithResellers { get; init; }
        public Optional<SubscriptionKind> Kind { get; init; }
        public Optional<string> Currency { get; init; }
        public Optional<ActivationMode> ActivationMode { get; init; }
        public Optional<ChargeMode> ChargeMode { get; init; }
        public Optional<int> PrepaidMonths { get; init; }
        public Optional<long?> ManagedBy { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "");
            if (Fee.HasValue && Fee.Value < 0) errors.Add("fee", "must not be negative");
            foreach (var (field, present) in new[]
                     {
                         ("kind", Kind.HasValue), ("currency", Currency.HasValue), ("activationMode", ActivationMode.HasValue),
                         ("chargeMode", ChargeMode.HasValue), ("prepaidMonths", PrepaidMonths.HasValue), ("managedBy", ManagedBy.HasValue),
                     })
                if (present) errors.Add(field, CatalogRights.Immutable);
        }
    }

    public sealed record SubscriptionResponse(
        long Id, string Name, SubscriptionKind Kind, decimal Fee, string Currency, ActivationMode ActivationMode, ChargeMode ChargeMode,
        int PrepaidMonths, bool CanBeAppliedMoreThanOnce, long? ManagedBy, bool SharedWithResellers, DateTime CreatedAt);

    private static readonly Expression<Func<Subscription, SubscriptionResponse>> Projection = s => new SubscriptionResponse(
        s.Id, s.Name, s.Kind, MoneyJson.Amount(s.Fee, s.Currency), s.Currency, s.ActivationMode, s.ChargeMode, s.PrepaidMonths, s.CanBeAppliedMoreThanOnce, s.ManagedBy,
        s.SharedWithResellers, s.CreatedAt);

    private static readonly Func<Subscription, SubscriptionResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapSubscriptionPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/subscriptions").WithTags("Catalog");
        plans.MapGet("/", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List subscription plans in your scope; filter by kind, managedBy and name (% and _ wildcards)");
        plans.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read a subscription plan");
        plans.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Create a subscription plan (a reseller creates account plans it manages itself)");
        plans.MapPatch("/{id:long}", Update).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Change a plan's name, fee, sharing or 'can be applied more than once'");
        return plans;
    }

    /// <summary>A monthly fee: not negative, not above <see cref="FeeAdjustment.MaxMonthlyAmount"/>, and no finer than the currency's minor unit.</summary>
    public static void FeeRule(ValidationErrors errors, decimal fee, string? currency)
    {
        if (fee < 0) errors.Add("fee", "must not be negative");
        if (fee > FeeAdjustment.MaxMonthlyAmount) errors.Add("fee", $"must be at most {FeeAdjustment.MaxMonthlyAmount}");
        if (Domain.Money.Currency.TryParse(currency, out var c) && FeeAdjustment.DecimalPlaces(fee) > c.Value.MinorUnits)
            errors.Add("fee", $"must have at most {c.Value.MinorUnits} decimal places in {c.Value.Code}");
    }

    private static async Task<Ok<Page<SubscriptionResponse>>> List(
        TollgateDb db, Paging paging, string? kind, long? managedBy, string? name, CancellationToken ct)
    {
        var query = db.Set<Subscription>().AsNoTracking();
        if (Query.Enum<SubscriptionKind>(kind, "kind") is { } wanted) query = query.Where(s => s.Kind == wanted);
        if (managedBy is not null) query = query.Where(s => s.ManagedBy == managedBy);
        if (name is not null) query = query.Where(s => EF.Functions.Like(s.Name.ToLower(), Patterns.ToLike(name)));
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(s => s.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var plan = await db.Set<Subscription>().AsNoTracking().Where(s => s.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return plan is null ? Problem.NotFound("subscription", id).ToResult() : TypedResults.Ok(plan);
    }

    private static async Task<Results<Created<SubscriptionResponse>, ProblemHttpResult>> Create(
        Body<CreateSubscription> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        var caller = callers.Required;
        if (caller.Realm == Realm.Reseller && input.Kind == SubscriptionKind.Reseller)
            return Problem.Forbidden("Reseller subscriptions are what the provider charges resellers; only administrators create them.").ToResult();
        await using var tx = await db.BeginWriteAsync(ct);
        var (managedBy, managerProblem) = await CatalogRights.ManagerOfNewAsync(db, caller, input.ManagedBy, ct);
        if (managerProblem is not null) return managerProblem.ToResult();
        var plan = new Subscription
        {
            Name = input.Name.Trim(),
            Kind = input.Kind,
            Fee = input.Fee,
            Currency = FieldRules.NormalizeCurrency(input.Currency),
            ActivationMode = input.ActivationMode,
            ChargeMode = input.ChargeMode,
            PrepaidMonths = input.PrepaidMonths,
            CanBeAppliedMoreThanOnce = input.CanBeAppliedMoreThanOnce,
            ManagedBy = managedBy,
            SharedWithResellers = managedBy is null && input.SharedWithResellers,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<Subscription>().Add(plan);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/subscriptions/{plan.Id}", Map(plan));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateSubscription> body, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Subscription>(id, ct);
        var plan = await db.Set<Subscription>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (plan is null) return Problem.NotFound("subscription", id).ToResult();
        if (CatalogRights.MayChange(callers.Required, plan.ManagedBy, "subscription", id) is { } forbidden) return forbidden.ToResult();
        if (plan.Kind == SubscriptionKind.Reseller && callers.Required.Realm == Realm.Reseller)
            return Problem.Forbidden("A reseller subscription is read-only to resellers.").ToResult();
        if (input.Fee.HasValue)
        {
            var errors = new ValidationErrors();
            FeeRule(errors, input.Fee.Value, plan.Currency);
            if (errors.Any) return errors.ToProblem().ToResult();
        }
        if (input.SharedWithResellers.HasValue && input.SharedWithResellers.Value && plan.ManagedBy is not null)
            return Problem.Validation("sharedWithResellers", "only the administrators' items are shared; a reseller's items are its own").ToResult();
        if (input.SharedWithResellers.HasValue && !input.SharedWithResellers.Value && plan.SharedWithResellers
            && await db.Set<ProductSubscription>().IgnoreQueryFilters().Where(ps => ps.SubscriptionId == id)
                .Join(db.Set<Product>().IgnoreQueryFilters(), ps => ps.ProductId, p => p.Id, (ps, p) => p)
                .AnyAsync(p => p.ManagedBy == null && p.SharedWithResellers, ct))
            return Problem.Conflict($"Subscription {id} is part of a product shared with resellers; stop sharing that product first.").ToResult();

        if (input.Name.HasValue) plan.Name = input.Name.Value.Trim();
        if (input.Fee.HasValue) plan.Fee = input.Fee.Value;
        if (input.CanBeAppliedMoreThanOnce.HasValue) plan.CanBeAppliedMoreThanOnce = input.CanBeAppliedMoreThanOnce.Value;
        if (input.SharedWithResellers.HasValue) plan.SharedWithResellers = input.SharedWithResellers.Value;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(plan));
    }
}
