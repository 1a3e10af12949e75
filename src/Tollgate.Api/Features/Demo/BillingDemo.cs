using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Hosting;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Features.Demo;

/// <summary>The ABC Shuttle example: call recording sold through a reseller, and the provider's fee per account.</summary>
/// <remarks>
/// The provider sells call recording to reseller ABC Shuttle for $10 a month per account (a reseller subscription,
/// active from the day the product is assigned) and recommends $20 (an account subscription, active from the account's
/// first usage). John Doe, ABC Shuttle's customer, pays $25: a fixed upcharge of 5. Mary Smith, a direct customer of the
/// provider, has the MegaCalls plan at $25 instead of $20, the same way.
/// </remarks>
public sealed class BillingDemo(ProductAssigner products, SubscriptionAssigner subscriptions, FirstUsage firstUsage, TimeProvider clock) : IDemoSeeder
{
    public int Order => 10;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var resellerFee = Plan(db, "Call recording (reseller fee)", SubscriptionKind.Reseller, 10m, ActivationMode.StartDate, now, moreThanOnce: true);
        var recording = Plan(db, "Call recording", SubscriptionKind.Account, 20m, ActivationMode.FirstUsage, now);
        var megaCalls = Plan(db, "MegaCalls", SubscriptionKind.Account, 20m, ActivationMode.StartDate, now);
        var voice = new Product { Name = "Voice", Kind = ProductKind.Main, SharedWithResellers = true, CreatedAt = now };
        var callRecording = new Product
        {
            Name = "Call recording", Kind = ProductKind.Addon, SharedWithResellers = true, AllowedWithAnyMainProduct = true, CallRecording = true,
            CreatedAt = now,
            Subscriptions = [new ProductSubscription { Subscription = resellerFee }, new ProductSubscription { Subscription = recording }],
        };
        db.Set<Product>().AddRange(voice, callRecording);
        await db.SaveChangesAsync(ct);
        demo.Other["product Voice"] = voice.Id;
        demo.Other["product Call recording"] = callRecording.Id;

        var johnsLine = await db.Accounts.FirstAsync(a => a.Id == demo.Accounts["12095550101"], ct);
        var problem = await products.ApplyAsync(db, johnsLine,
            new ProductChange { SetsMain = true, MainProductId = voice.Id, AddonProductIds = [callRecording.Id] }, ct);
        if (problem is not null) throw new InvalidOperationException($"Demo product assignment failed: {problem.Detail}");
        await db.SaveChangesAsync(ct);
        if ((await firstUsage.RecordAsync(db, johnsLine, clock.GetUtcNow(), ct)).Error is { } usageProblem)
            throw new InvalidOperationException($"Demo first usage failed: {usageProblem.Detail}");
        var johnsRecording = await db.Set<AssignedSubscription>().FirstAsync(s => s.AccountId == johnsLine.Id && s.SubscriptionId == recording.Id, ct);
        SubscriptionAssigner.Adjust(johnsRecording, recording, new FeeAdjustment(AdjustmentType.FixedUpcharge, 5m));

        var mary = await db.Customers.FirstAsync(c => c.Id == demo.Customers["Mary Smith"], ct);
        var marysPlan = await subscriptions.AssignAsync(db, AssignmentHolder.Of(mary), megaCalls, null, null, null, ct);
        if (marysPlan.Error is { } planProblem) throw new InvalidOperationException($"Demo subscription failed: {planProblem.Detail}");
        SubscriptionAssigner.Adjust(marysPlan.Value!, megaCalls, new FeeAdjustment(AdjustmentType.FixedUpcharge, 5m));
        await db.SaveChangesAsync(ct);

        demo.Notes.Add("billing    12095550101 (John Doe, ABC Shuttle) has Voice + Call recording: John pays $25/month (fixed upcharge 5),");
        demo.Notes.Add("           ABC Shuttle pays the provider $10/month for it; Mary Smith pays $25 for MegaCalls ($20 + 5).");
        demo.Notes.Add("           Bill now: tollgate billing run --through YYYY-MM-DD, or POST /api/v1/billing/runs; see docs/billing.md");
    }

    private static Subscription Plan(TollgateDb db, string name, SubscriptionKind kind, decimal fee, ActivationMode activation, DateTime now,
        bool moreThanOnce = false)
    {
        var plan = new Subscription
        {
            Name = name, Kind = kind, Fee = fee, Currency = "USD", ActivationMode = activation, ChargeMode = ChargeMode.InAdvance,
            CanBeAppliedMoreThanOnce = moreThanOnce, SharedWithResellers = true, CreatedAt = now,
        };
        db.Set<Subscription>().Add(plan);
        return plan;
    }
}
