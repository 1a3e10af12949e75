using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;
using Tollgate.Domain.Parties;

namespace Tollgate.Domain.Tests.Billing;

public class ChargePlannerTests
{
    private static readonly Currency Usd = Currency.Of("USD");
    private static readonly PayerTerms MonthlyUsd = new(new BillingCalendar(BillingPeriodKind.Monthly), Usd);
    private static readonly DateRange May = R("2026-05-01", "2026-06-01");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DateRange R(string start, string end) => new(D(start), D(end));

    private static SubscriptionTerms Sub(decimal fee, string? activated = "2026-05-01", string? finished = null,
        ChargeMode mode = ChargeMode.InAdvance, int prepaidMonths = 1, long id = 7) =>
        new(id, fee, mode, prepaidMonths, activated is null ? null : D(activated), finished is null ? null : D(finished));

    /// <summary>The store a billing run keeps: plans, writes what it planned, and returns the plan.</summary>
    private sealed class Store
    {
        private long _nextId = 1;
        public Dictionary<ChargeKey, StoredCharge> Charges { get; } = [];

        public PayerPlan Run(PayerTerms payer, DateRange open, string target, params SubscriptionTerms[] subscriptions)
        {
            var plan = ChargePlanner.Plan(payer, open, D(target), subscriptions, Charges);
            foreach (var insert in plan.Inserts) Charges.Add(insert.Key, new StoredCharge(_nextId++, insert));
            foreach (var update in plan.Updates) Charges[update.Charge.Key] = update;
            return plan;
        }

        public decimal Total => Charges.Values.Sum(c => c.Charge.Amount);
    }

    [Fact]
    public void InAdvance_ChargesTheWholePeriodOnItsFirstDay()
    {
        var plan = new Store().Run(MonthlyUsd, May, "2026-05-01", Sub(10m));
        var charge = plan.Inserts.ShouldHaveSingleItem();
        charge.Amount.ShouldBe(10m);
        charge.Service.ShouldBe(May);
        charge.PeriodStart.ShouldBe(May.Start);
        charge.Key.ShouldBe(new ChargeKey(7, XdrKind.Subscription, May.Start));
        plan.Closing.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_RunAgain_PlansNothing()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-10", Sub(10m), Sub(5m, mode: ChargeMode.Progressive, id: 8));
        var again = store.Run(MonthlyUsd, May, "2026-05-10", Sub(10m), Sub(5m, mode: ChargeMode.Progressive, id: 8));
        again.Inserts.ShouldBeEmpty();
        again.Updates.ShouldBeEmpty();
    }

    [Fact]
    public void InAdvance_ActivatedMidPeriod_IsProratedByDay()
    {
        var charge = new Store().Run(MonthlyUsd, May, "2026-05-20", Sub(31m, activated: "2026-05-20")).Inserts.ShouldHaveSingleItem();
        charge.Amount.ShouldBe(12m);
        charge.Service.ShouldBe(R("2026-05-20", "2026-06-01"));
    }

    [Fact]
    public void Pending_OrNotStartedYet_IsNotCharged()
    {
        new Store().Run(MonthlyUsd, May, "2026-05-15", Sub(10m, activated: null)).Inserts.ShouldBeEmpty();
        new Store().Run(MonthlyUsd, May, "2026-05-15", Sub(10m, activated: "2026-05-20")).Inserts.ShouldBeEmpty();
    }

    [Fact]
    public void InAdvance_FinishKnownBeforeCharging_IsProratedToTheFinish()
    {
        var charge = new Store().Run(MonthlyUsd, May, "2026-05-01", Sub(31m, finished: "2026-05-11")).Inserts.ShouldHaveSingleItem();
        charge.Amount.ShouldBe(10m);
        charge.Service.ShouldBe(R("2026-05-01", "2026-05-11"));
    }

    [Fact]
    public void InAdvance_FinishedAfterCharging_CreditsTheDaysFromTheFinishDate()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-01", Sub(31m));
        var plan = store.Run(MonthlyUsd, May, "2026-05-22", Sub(31m, finished: "2026-05-21"));
        var credit = plan.Inserts.ShouldHaveSingleItem();
        credit.Key.Kind.ShouldBe(XdrKind.SubscriptionCredit);
        credit.Service.ShouldBe(R("2026-05-21", "2026-06-01"));
        credit.Amount.ShouldBe(-11m);
        store.Total.ShouldBe(20m, "1–20 May is charged");
        store.Run(MonthlyUsd, May, "2026-05-23", Sub(31m, finished: "2026-05-21")).IsEmpty.ShouldBeTrue("the credit is made once");
    }

    [Fact]
    public void InAdvance_FinishMovedEarlierAgain_KeepsOneCreditWithTheNewTotal()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-01", Sub(31m));
        store.Run(MonthlyUsd, May, "2026-05-02", Sub(31m, finished: "2026-05-21"));
        var plan = store.Run(MonthlyUsd, May, "2026-05-03", Sub(31m, finished: "2026-05-11"));
        plan.Inserts.ShouldBeEmpty();
        plan.Updates.ShouldHaveSingleItem().Charge.Amount.ShouldBe(-21m);
        store.Total.ShouldBe(10m);
    }

    [Fact]
    public void InAdvance_CreditUsesTheFeeThatWasCharged()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-01", Sub(31m));
        // The fee went up to 62 after May was charged; the refund is at the 31 that May was charged at.
        store.Run(MonthlyUsd, May, "2026-05-22", Sub(62m, finished: "2026-05-21")).Inserts.ShouldHaveSingleItem().Amount.ShouldBe(-11m);
    }

    [Fact]
    public void PayerClosed_StopsChargesFromThatDay()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-01", Sub(31m));
        var closed = MonthlyUsd with { ClosedOn = D("2026-05-30") };
        store.Run(closed, May, "2026-05-30", Sub(31m)).Inserts.ShouldHaveSingleItem().Amount.ShouldBe(-2m);
        var june = store.Run(closed, May, "2026-06-01", Sub(31m));
        june.Closing.ShouldBe([May]);
        june.Inserts.ShouldBeEmpty("nothing is charged after the payer closed");
    }

    [Fact]
    public void Progressive_KeepsOneRunningTotalUpToTheTargetDate()
    {
        var store = new Store();
        var sub = Sub(31m, mode: ChargeMode.Progressive);
        store.Run(MonthlyUsd, May, "2026-05-01", sub).Inserts.ShouldBeEmpty("no day of May has passed yet");
        store.Run(MonthlyUsd, May, "2026-05-11", sub).Inserts.ShouldHaveSingleItem().Amount.ShouldBe(10m);
        var later = store.Run(MonthlyUsd, May, "2026-05-21", sub);
        later.Inserts.ShouldBeEmpty();
        later.Updates.ShouldHaveSingleItem().Charge.Amount.ShouldBe(20m);
        var closed = store.Run(MonthlyUsd, May, "2026-06-01", sub);
        closed.Closing.ShouldBe([May]);
        store.Charges.Values.Where(c => c.Charge.PeriodStart == May.Start).ShouldHaveSingleItem().Charge.Amount.ShouldBe(31m);
        store.Charges[new ChargeKey(7, XdrKind.Subscription, May.Start)].Charge.Service.ShouldBe(May);
    }

    [Fact]
    public void Progressive_StopsAccruingAtTheFinishDate()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-11", Sub(31m, mode: ChargeMode.Progressive));
        store.Run(MonthlyUsd, May, "2026-06-01", Sub(31m, finished: "2026-05-16", mode: ChargeMode.Progressive));
        store.Total.ShouldBe(15m);
        store.Charges.Values.ShouldAllBe(c => c.Charge.Key.Kind == XdrKind.Subscription, "a progressive subscription never needs a credit");
    }

    [Fact]
    public void Plan_ClosesEveryPeriodEndingOnOrBeforeTheTarget_AndChargesEachOnce()
    {
        var store = new Store();
        var plan = store.Run(MonthlyUsd, May, "2026-07-15", Sub(10m));
        plan.Closing.ShouldBe([May, R("2026-06-01", "2026-07-01")]);
        plan.Open.ShouldBe(R("2026-07-01", "2026-08-01"));
        plan.Inserts.Select(c => c.PeriodStart).ShouldBe([D("2026-05-01"), D("2026-06-01"), D("2026-07-01")]);
        plan.Inserts.ShouldAllBe(c => c.Amount == 10m);
    }

    [Fact]
    public void Plan_NotYetAtThePeriodEnd_ClosesNothing()
    {
        new Store().Run(MonthlyUsd, May, "2026-05-31", Sub(10m)).Closing.ShouldBeEmpty("31 May is still part of May");
        new Store().Run(MonthlyUsd, May, "2026-06-01", Sub(10m)).Closing.ShouldBe([May]);
    }

    [Fact]
    public void Plan_AfterTheKindOfPeriodChanged_FinishesTheOldPeriodThenFollowsTheNewBoundaries()
    {
        var weekly = MonthlyUsd with { Calendar = new BillingCalendar(BillingPeriodKind.Weekly) };
        var september = R("2026-09-01", "2026-10-01");
        var plan = new Store().Run(weekly, september, "2026-10-13", Sub(31m, activated: "2026-09-01"));
        plan.Closing.ShouldBe([september, R("2026-10-01", "2026-10-05"), R("2026-10-05", "2026-10-12")]);
        plan.Open.ShouldBe(R("2026-10-12", "2026-10-19"));
        plan.Inserts.Sum(c => c.Amount).ShouldBe(31m + 31m * 18 / 31, 0.01m);
    }

    [Fact]
    public void Daily_ChargesEachDayAtItsMonthsDailyRate_IncludingFebruary29()
    {
        var daily = MonthlyUsd with { Calendar = new BillingCalendar(BillingPeriodKind.Daily) };
        var store = new Store();
        var plan = store.Run(daily, R("2028-02-28", "2028-02-29"), "2028-03-02", Sub(29m, activated: "2028-02-28"));
        plan.Closing.Count.ShouldBe(3);
        plan.Inserts.Select(c => (c.Service.Start, c.Amount)).ShouldBe(
        [
            (D("2028-02-28"), 1m), (D("2028-02-29"), 1m), (D("2028-03-01"), 0.94m), (D("2028-03-02"), 0.94m),
        ]);
    }

    [Fact]
    public void Rounding_HappensOncePerLine_HalfAwayFromZero_InTheCurrencysMinorUnit()
    {
        new Store().Run(MonthlyUsd, R("2026-06-01", "2026-07-01"), "2026-06-21", Sub(10m, activated: "2026-06-21"))
            .Inserts.ShouldHaveSingleItem().Amount.ShouldBe(3.33m);
        var yen = new PayerTerms(new BillingCalendar(BillingPeriodKind.Monthly), Currency.Of("JPY"));
        new Store().Run(yen, May, "2026-05-22", Sub(1000m, activated: "2026-05-22")).Inserts.ShouldHaveSingleItem().Amount.ShouldBe(323m);
        var dinar = new PayerTerms(new BillingCalendar(BillingPeriodKind.Monthly), Currency.Of("BHD"));
        new Store().Run(dinar, May, "2026-05-22", Sub(1m, activated: "2026-05-22")).Inserts.ShouldHaveSingleItem().Amount.ShouldBe(0.323m);
        // Exactly half a cent rounds away from zero (banker's rounding would give 0.12).
        new Store().Run(MonthlyUsd, May, "2026-05-01", Sub(0.125m)).Inserts.ShouldHaveSingleItem().Amount.ShouldBe(0.13m);
    }

    [Fact]
    public void Prepaid_ChargesNMonthsOnTheFirstDayOfEachCycle_AnchoredOnActivation()
    {
        var store = new Store();
        var sub = Sub(10m, activated: "2026-01-31", prepaidMonths: 3);
        var plan = store.Run(MonthlyUsd, R("2026-01-01", "2026-02-01"), "2026-08-01", sub);
        plan.Inserts.Select(c => (c.Key.KeyDate, c.Service, c.Amount, c.PeriodStart)).ShouldBe(
        [
            (D("2026-01-31"), R("2026-01-31", "2026-04-30"), 30m, D("2026-01-01")),
            (D("2026-04-30"), R("2026-04-30", "2026-07-31"), 30m, D("2026-04-01")),
            (D("2026-07-31"), R("2026-07-31", "2026-10-31"), 30m, D("2026-07-01")),
        ]);
    }

    [Fact]
    public void Prepaid_FinishedMidCycle_IsNotRefunded_AndNoLaterCycleIsCharged()
    {
        var store = new Store();
        store.Run(MonthlyUsd, May, "2026-05-01", Sub(10m, prepaidMonths: 6));
        var plan = store.Run(MonthlyUsd, May, "2027-01-01", Sub(10m, finished: "2026-06-15", prepaidMonths: 6));
        plan.Inserts.ShouldBeEmpty();
        plan.Updates.ShouldBeEmpty();
        store.Total.ShouldBe(60m);
    }
}
