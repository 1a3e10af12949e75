using NodaTime;
using Tollgate.Domain.Centrex;

namespace Tollgate.Domain.Tests.Centrex;

public class FeaturePinsTests
{
    [Theory]
    [InlineData("4831")]
    [InlineData("0192837465")]
    [InlineData("1235")]
    [InlineData("1123")]
    public void VoicemailPin_OfFourToTenDigits_NotObvious_IsAccepted(string pin) => FeaturePins.CheckVoicemail(pin).ShouldBeNull();

    [Theory]
    [InlineData("", "must be 4 to 10 digits")]
    [InlineData("12 34", "must be 4 to 10 digits")]
    [InlineData("483", "must be 4 to 10 digits; it has 3")]
    [InlineData("48310192837", "must be 4 to 10 digits; it has 11")]
    [InlineData("7777", "must not be one digit repeated")]
    [InlineData("0123", "must not be a straight run of digits such as 1234")]
    [InlineData("3210", "must not be a straight run of digits such as 1234")]
    [InlineData("٤٨٣١", "must be 4 to 10 digits")]
    public void VoicemailPin_OtherwiseSaysWhy(string pin, string reason) => FeaturePins.CheckVoicemail(pin).ShouldBe(reason);

    [Fact]
    public void ConferencePin_IsAtMostEightDigits() => FeaturePins.CheckConference("192837465").ShouldBe("must be 4 to 8 digits; it has 9");
}

public class MenuScheduleTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static WeeklyPeriod Weekdays(int from, int to) =>
        new(new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }, from, to);

    private sealed record Menu(string Name, MenuSchedule? Schedule);

    [Fact]
    public void Select_PrefersTheCoveringPeriod_ThenTheFallback_AndIgnoresMenusWithoutSchedule()
    {
        var office = new Menu("office", new MenuSchedule(false, [Weekdays(9 * 60, 17 * 60)]));
        var sub = new Menu("sub", null);
        var night = new Menu("night", MenuSchedule.Fallback);
        Menu[] menus = [sub, night, office];
        MenuSchedule.Select(menus, m => m.Schedule, Instant.FromUtc(2026, 7, 1, 16, 0), LosAngeles).ShouldBe(office); // Wed 09:00 PDT
        MenuSchedule.Select(menus, m => m.Schedule, Instant.FromUtc(2026, 7, 1, 15, 59), LosAngeles).ShouldBe(night);
        MenuSchedule.Select(menus, m => m.Schedule, Instant.FromUtc(2026, 7, 2, 0, 0), LosAngeles).ShouldBe(night); // 17:00 is the end, exclusive
        MenuSchedule.Select([sub, office], m => m.Schedule, Instant.FromUtc(2026, 7, 4, 18, 0), LosAngeles).ShouldBeNull(); // Saturday
    }

    [Fact]
    public void Period_EndingAtMidnight_CoversTheLastMinute()
    {
        var late = new WeeklyPeriod(new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Sunday }, 22 * 60, 1440);
        late.Covers(IsoDayOfWeek.Sunday, 1439).ShouldBeTrue();
        late.Covers(IsoDayOfWeek.Monday, 0).ShouldBeFalse();
        WeeklyPeriod.ParseClock("24:00", allowMidnightEnd: true).ShouldBe(1440);
        WeeklyPeriod.ParseClock("24:00", allowMidnightEnd: false).ShouldBeNull();
        WeeklyPeriod.ParseClock("9:00", allowMidnightEnd: false).ShouldBeNull();
        WeeklyPeriod.ParseClock("23:60", allowMidnightEnd: false).ShouldBeNull();
    }

    [Fact]
    public void Overlap_NamesTheFirstSharedDayAndTime_AndTouchingPeriodsDoNotOverlap()
    {
        var office = new MenuSchedule(false, [Weekdays(9 * 60, 17 * 60)]);
        var lunch = new MenuSchedule(false, [new WeeklyPeriod(new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Friday }, 12 * 60, 13 * 60)]);
        var evening = new MenuSchedule(false, [Weekdays(17 * 60, 1440)]);
        office.OverlapWith(lunch).ShouldBe("fri 12:00–13:00");
        office.OverlapWith(evening).ShouldBeNull();
        office.OverlapWith(MenuSchedule.Fallback).ShouldBeNull();
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var schedule = new MenuSchedule(false, [Weekdays(9 * 60, 1440)]);
        var json = MenuJson.Write(schedule);
        json.ShouldBe("""{"periods":[{"days":["mon","tue","wed","thu","fri"],"from":"09:00","to":"24:00"}]}""");
        MenuJson.Write(MenuJson.ReadSchedule(json)!).ShouldBe(json);
        MenuJson.Write(MenuSchedule.Fallback).ShouldBe("""{"always":true}""");
        MenuJson.ReadSchedule("""{"always":true}""")!.Always.ShouldBeTrue();
        MenuJson.Write(new MenuAction(MenuActionKind.GoToMenu, MenuId: 7)).ShouldBe("""{"action":"goToMenu","menuId":7}""");
    }
}

public class MenuActionTests
{
    [Fact]
    public void EachActionTakesExactlyItsTargets()
    {
        new MenuAction(MenuActionKind.TransferToExtension, "466").Problems().ShouldBeEmpty();
        new MenuAction(MenuActionKind.Voicemail).Problems().ShouldBeEmpty();
        new MenuAction(MenuActionKind.Voicemail, "466").Problems().ShouldBeEmpty();
        new MenuAction(MenuActionKind.TransferToNumber, Number: "+442071234567").Problems().ShouldBeEmpty();
        new MenuAction(MenuActionKind.TransferToNumber, Number: "12").Problems().ShouldBe([("number", "must have 3 to 15 digits; it has 2")]);
        new MenuAction(MenuActionKind.DialByExtension, "466", "911", 3).Problems().Select(p => p.Member).ShouldBe(["extension", "number", "menuId"]);
        new MenuAction(MenuActionKind.TransferToExtension, "4").Problems().ShouldBe([("extension", "must be 2 to 8 digits; it has 1 (for example 466)")]);
    }
}

public class GreetingAudioTests
{
    private static byte[] Wav(ushort format, ushort bits, uint rate, ushort channels, int dataBytes)
    {
        var file = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(file);
        "WAVE"u8.CopyTo(file.AsSpan(8));
        "fmt "u8.CopyTo(file.AsSpan(12));
        BitConverter.TryWriteBytes(file.AsSpan(16), 16u);
        BitConverter.TryWriteBytes(file.AsSpan(20), format);
        BitConverter.TryWriteBytes(file.AsSpan(22), channels);
        BitConverter.TryWriteBytes(file.AsSpan(24), rate);
        BitConverter.TryWriteBytes(file.AsSpan(28), rate * channels * (uint)(bits / 8));
        BitConverter.TryWriteBytes(file.AsSpan(34), bits);
        "data"u8.CopyTo(file.AsSpan(36));
        BitConverter.TryWriteBytes(file.AsSpan(40), (uint)dataBytes);
        return file;
    }

    [Fact]
    public void Wav_SaysItsEncodingAndDuration()
    {
        var (info, why) = GreetingAudio.Inspect(Wav(7, 8, 8000, 1, 12000), AudioFormat.Wav);
        why.ShouldBeNull();
        info.ShouldBe(new AudioInfo(AudioFormat.Wav, "audio/wav", "ulaw", 8000, 1, 1.5));
    }

    [Theory]
    [InlineData(3, 32, 8000, 1, "the WAV encoding (format 3, 32 bits) is not 16-bit PCM, A-law or μ-law")]
    [InlineData(1, 16, 8000, 6, "the WAV file has 6 channels; mono or stereo is needed")]
    [InlineData(1, 16, 4000, 1, "the WAV sample rate 4000 Hz is outside 8000–48000 Hz")]
    public void Wav_ThatTheSwitchCannotPlay_IsRefusedWithTheReason(int format, int bits, int rate, int channels, string reason) =>
        GreetingAudio.Inspect(Wav((ushort)format, (ushort)bits, (uint)rate, (ushort)channels, 100), AudioFormat.Wav).Why.ShouldBe(reason);

    [Fact]
    public void Wav_WithoutAudio_IsRefused() =>
        GreetingAudio.Inspect(Wav(1, 16, 8000, 1, 0), AudioFormat.Wav).Why.ShouldBe("the WAV file has no audio (its data chunk is missing or empty)");

    [Fact]
    public void DeclaredType_MustMatchTheContent()
    {
        GreetingAudio.FormatOf("audio/x-wav; codecs=1").ShouldBe(AudioFormat.Wav);
        GreetingAudio.FormatOf("AUDIO/MPEG").ShouldBe(AudioFormat.Mp3);
        GreetingAudio.FormatOf("audio/ogg").ShouldBeNull();
        GreetingAudio.Inspect(Wav(1, 16, 8000, 1, 10), AudioFormat.Mp3).Why.ShouldBe("the content type says MP3 but the content is WAV");
        GreetingAudio.Inspect([0xFF, 0xFB, 0x90, 0x00], AudioFormat.Mp3).Info!.ContentType.ShouldBe("audio/mpeg");
    }
}
