using Tollgate.Billing.Parties;
using Tollgate.Data.Billing;
using Tollgate.Domain.Time;

namespace Tollgate.Billing.Runs;

/// <summary>How a payer's billing cycle starts.</summary>
public static class BillingCycles
{
    /// <summary>The cycle of a payer billing has not seen yet: open on the period that contains the day it was created, nothing charged.</summary>
    /// <remarks>Billing runs open it for every payer; rating opens it too when a payer's first call comes before the first run.</remarks>
    public static BillingCycle First(Payer payer, DateTime now)
    {
        var period = payer.Calendar.PeriodContaining(payer.DateAt(new DateTimeOffset(payer.CreatedAt, TimeSpan.Zero)));
        return new BillingCycle
        {
            PayerKind = payer.Kind, PayerId = payer.Id, PeriodStart = period.Start, PeriodEnd = period.End,
            ChargedThrough = period.Start.AddDays(-1), DueAt = TimeZones.StartOf(period.Start, payer.TimeZone).UtcDateTime,
            UpdatedAt = now,
        };
    }
}
