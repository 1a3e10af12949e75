using Tollgate.Domain.Billing;

namespace Tollgate.Domain.Rating;

/// <summary>Which of a payer's billing periods carries a usage charge.</summary>
/// <remarks>
/// A usage charge goes on the invoice of the payer's open period (the one billing has not closed yet), so a call that
/// is rated late never changes an invoice already issued: it appears on the next one. A call on a day after the open
/// period (billing has not caught up yet) goes to the period that contains its day, found by stepping from the open
/// period exactly as a billing run will (so a payer that changed its kind of period gets the same periods).
/// </remarks>
public static class UsagePeriod
{
    /// <summary>The start of the period whose invoice carries a usage charge of <paramref name="day"/> (the payer's date of the call).</summary>
    public static DateOnly StartFor(DateRange open, BillingCalendar calendar, DateOnly day)
    {
        var current = open;
        while (day >= current.End) current = new DateRange(current.End, calendar.NextBoundaryAfter(current.End));
        return current.Start;
    }
}
