using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Access;

/// <summary>An individual's validity: whole calendar days in its own zone, both dates included.</summary>
public sealed class ValidityPeriodTests
{
    private static readonly DateOnly Day = new(2026, 6, 30);

    [Fact]
    public void Kiritimati_DayStartsTenOClockUtcTheDayBefore()
    {
        var period = new ValidityPeriod(Day, Day, "Pacific/Kiritimati");
        period.ActiveFrom!.Value.UtcDateTime.ShouldBe(new DateTime(2026, 6, 29, 10, 0, 0, DateTimeKind.Utc));
        period.ValidUntil!.Value.UtcDateTime.ShouldBe(new DateTime(2026, 6, 30, 10, 0, 0, DateTimeKind.Utc));
        period.StateAt(new DateTimeOffset(2026, 6, 29, 9, 59, 59, TimeSpan.Zero)).ShouldBe(ValidityState.NotYetActive);
        period.StateAt(new DateTimeOffset(2026, 6, 29, 10, 0, 0, TimeSpan.Zero)).ShouldBe(ValidityState.Active);
        period.StateAt(new DateTimeOffset(2026, 6, 30, 9, 59, 59, TimeSpan.Zero)).ShouldBe(ValidityState.Active);
        period.StateAt(new DateTimeOffset(2026, 6, 30, 10, 0, 0, TimeSpan.Zero)).ShouldBe(ValidityState.Expired);
    }

    [Fact]
    public void PagoPago_DayStartsElevenOClockUtcTheSameDay()
    {
        var period = new ValidityPeriod(Day, Day, "Pacific/Pago_Pago");
        period.StateAt(new DateTimeOffset(2026, 6, 30, 10, 59, 59, TimeSpan.Zero)).ShouldBe(ValidityState.NotYetActive);
        period.StateAt(new DateTimeOffset(2026, 6, 30, 11, 0, 0, TimeSpan.Zero)).ShouldBe(ValidityState.Active);
        period.StateAt(new DateTimeOffset(2026, 7, 1, 10, 59, 59, TimeSpan.Zero)).ShouldBe(ValidityState.Active);
        period.StateAt(new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero)).ShouldBe(ValidityState.Expired);
    }

    [Fact]
    public void NoDates_AlwaysActive()
    {
        var period = new ValidityPeriod(null, null, "UTC");
        period.ActiveFrom.ShouldBeNull();
        period.ValidUntil.ShouldBeNull();
        period.StateAt(DateTimeOffset.MaxValue).ShouldBe(ValidityState.Active);
    }

    [Fact]
    public void ExpirationOnTheCalendarsLastDay_NeverEnds()
    {
        var period = new ValidityPeriod(null, DateOnly.MaxValue, "Pacific/Kiritimati");
        period.ValidUntil.ShouldBeNull();
        period.StateAt(new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero)).ShouldBe(ValidityState.Active);
    }

    [Fact]
    public void DaylightSavingJumpAtMidnight_DayStartsAtItsFirstValidMoment()
    {
        // Santiago skips from 00:00 to 01:00 when summer time starts (6 September 2026).
        var period = new ValidityPeriod(new DateOnly(2026, 9, 6), null, "America/Santiago");
        period.ActiveFrom!.Value.UtcDateTime.ShouldBe(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc));
    }
}
