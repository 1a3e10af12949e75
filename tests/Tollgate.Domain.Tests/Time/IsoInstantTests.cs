using System.Globalization;
using Tollgate.Domain.Time;

namespace Tollgate.Domain.Tests.Time;

/// <summary>The quick reader of CDR times gives what the general parser gives, or leaves the text to it.</summary>
public class IsoInstantTests
{
    private static DateTimeOffset General(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    [Fact]
    public void EveryTextOfItsShape_ReadsAsTheGeneralParserReadsIt()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 20_000; i++)
        {
            var year = random.Next(2, 9999);
            var month = random.Next(1, 13);
            var text = $"{year:D4}-{month:D2}-{random.Next(1, DateTime.DaysInMonth(year, month) + 1):D2}T" +
                       $"{random.Next(24):D2}:{random.Next(60):D2}:{random.Next(60):D2}";
            if (random.Next(3) == 0)
            {
                var digits = random.Next(1, 8);
                text += "." + random.NextInt64((long)Math.Pow(10, digits)).ToString(new string('0', digits), CultureInfo.InvariantCulture);
            }
            var minutes = random.Next(-14 * 60, 14 * 60 + 1);
            text += random.Next(4) == 0 ? "Z" : $"{(minutes < 0 ? '-' : '+')}{Math.Abs(minutes) / 60:D2}:{Math.Abs(minutes) % 60:D2}";

            IsoInstant.TryParse(text, out var quick).ShouldBeTrue(text);
            var general = General(text);
            (quick.Ticks, quick.Offset).ShouldBe((general.Ticks, general.Offset), text);
        }
    }

    [Theory]
    [InlineData("2026-05-01T10:00:00", "no offset: the general parser would read it in the server's zone (the import refuses it)")]
    [InlineData("2026-05-01 10:00:00Z", "a space for the T")]
    [InlineData("2026-05-01T10:00:00z", "a small z")]
    [InlineData("2026-05-01T12:00:00+0200", "an offset without its colon")]
    [InlineData("2026-05-01T12:00:00+02", "an offset of hours only")]
    [InlineData("2026-5-01T10:00:00Z", "a month of one digit")]
    [InlineData("２０２６-05-01T10:00:00Z", "digits that are not ASCII")]
    [InlineData("2026-02-29T10:00:00Z", "a day the month does not have")]
    [InlineData("2026-05-01T24:00:00Z", "hour 24")]
    [InlineData("2026-06-30T23:59:60Z", "a leap second")]
    [InlineData("2026-05-01T10:00:00+14:01", "an offset beyond 14 hours")]
    [InlineData("2026-05-01T10:00:00.Z", "a point without a fraction")]
    [InlineData("2026-05-01T10:00:00.12345678Z", "more than seven digits of fraction")]
    [InlineData("0001-01-01T00:00:00Z", "the first year, at the edge of what can be held")]
    [InlineData("2026-05-01T10:00:00Z ", "a blank after it")]
    public void AnythingElse_IsLeftToTheGeneralParser(string text, string why)
    {
        IsoInstant.TryParse(text, out _).ShouldBeFalse(why);
    }
}
