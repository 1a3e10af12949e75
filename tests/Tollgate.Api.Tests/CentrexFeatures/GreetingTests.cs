using System.Security.Cryptography;
using Tollgate.Api.Features.CentrexFeatures;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.CentrexFeatures;

/// <summary>Menu greetings: upload, download byte for byte, format and size checks, and a refused upload that changes nothing.</summary>
public abstract class GreetingTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task<(FeatureWorld World, string Path)> MenuAsync()
    {
        var w = await FeatureKit.BuildAsync(App);
        var menu = (await w.Self.PostAsync(w.Menus, new { name = "Welcome" })).ShouldHave(HttpStatusCode.Created);
        return (w, $"{w.Menus}/{menu.Id}/greeting");
    }

    [Theory]
    [InlineData("pcm16", 8000, "audio/wav")]
    [InlineData("ulaw", 8000, "audio/x-wav")]
    [InlineData("alaw", 16000, "audio/wave")]
    public async Task Wav_IsKept_AndDownloadsAsUploaded(string encoding, int rate, string contentType)
    {
        var (w, path) = await MenuAsync();
        var wav = FeatureKit.Wav(2.5, encoding, rate);
        var info = (await w.Self.PutBytesAsync(path, wav, contentType)).ShouldHave(HttpStatusCode.OK);
        (info["contentType"].GetString(), info["encoding"].GetString(), info["sampleRate"].GetInt32(), info["durationSeconds"].GetDouble(), info["sizeBytes"].GetInt32())
            .ShouldBe(("audio/wav", encoding, rate, 2.5, wav.Length));
        info["sha256"].GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(wav)));
        info["url"].GetString().ShouldBe(path);

        var (status, bytes, type, etag) = await w.Self.GetBytesAsync(path);
        status.ShouldBe(HttpStatusCode.OK);
        bytes.ShouldBe(wav);
        type.ShouldBe("audio/wav");
        etag.ShouldBe($"\"{info["sha256"].GetString()}\"");

        var menu = (await w.Self.GetAsync(path[..^"/greeting".Length])).ShouldHave(HttpStatusCode.OK);
        menu["greeting"].GetProperty("durationSeconds").GetDouble().ShouldBe(2.5);
    }

    [Fact]
    public async Task Mp3_IsAccepted_AndAReplacementReplaces()
    {
        var (w, path) = await MenuAsync();
        (await w.Self.PutBytesAsync(path, FeatureKit.Wav(), "audio/wav")).ShouldHave(HttpStatusCode.OK);
        var mp3 = FeatureKit.Mp3();
        var info = (await w.Self.PutBytesAsync(path, mp3, "audio/mpeg")).ShouldHave(HttpStatusCode.OK);
        info["contentType"].GetString().ShouldBe("audio/mpeg");
        info["durationSeconds"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await w.Self.GetBytesAsync(path)).Bytes.ShouldBe(mp3);

        (await w.Self.DeleteAsync(path)).ShouldHave(HttpStatusCode.NoContent);
        (await w.Self.GetBytesAsync(path)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await w.Self.DeleteAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task WhatIsNotTheAudioItClaims_IsRefused_AndTheGreetingStaysAsItWas()
    {
        var (w, path) = await MenuAsync();
        var kept = FeatureKit.Wav(1);
        (await w.Self.PutBytesAsync(path, kept, "audio/wav")).ShouldHave(HttpStatusCode.OK);

        (await w.Self.PutBytesAsync(path, FeatureKit.Mp3(), "audio/wav")).ShouldBeProblem(HttpStatusCode.BadRequest, GreetingsApi.AudioInvalid)
            .ErrorsFor("body").ShouldBe(["the content type says WAV but the content is MP3"]);
        (await w.Self.PutBytesAsync(path, "hello, this is text"u8.ToArray(), "audio/wav")).ShouldBeProblem(HttpStatusCode.BadRequest, GreetingsApi.AudioInvalid)
            .ErrorsFor("body").ShouldBe(["the content is neither WAV (RIFF…WAVE) nor MP3 audio"]);
        (await w.Self.PutBytesAsync(path, [], "audio/wav")).ShouldBeProblem(HttpStatusCode.BadRequest, GreetingsApi.AudioInvalid)
            .ErrorsFor("body").ShouldBe(["the file is empty"]);
        var tooFine = FeatureKit.Wav(1, "pcm16", 96000);
        (await w.Self.PutBytesAsync(path, tooFine, "audio/wav")).ShouldBeProblem(HttpStatusCode.BadRequest, GreetingsApi.AudioInvalid)
            .ErrorsFor("body").ShouldBe(["the WAV sample rate 96000 Hz is outside 8000–48000 Hz"]);
        (await w.Self.PutBytesAsync(path, kept, "video/mp4")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType)
            ["detail"].GetString().ShouldBe("Content-Type 'video/mp4' is not accepted; send the file as the body with audio/wav (or audio/x-wav, audio/wave) and audio/mpeg.");
        (await w.Self.PutBytesAsync(path, kept, "application/octet-stream")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);

        var tooLarge = new byte[(5 << 20) + 1];
        kept.CopyTo(tooLarge, 0);
        (await w.Self.PutBytesAsync(path, tooLarge, "audio/wav")).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);

        (await w.Self.GetBytesAsync(path)).Bytes.ShouldBe(kept);
    }

    [Fact]
    public async Task Greetings_FollowScopeAndPermissions()
    {
        var (w, path) = await MenuAsync();
        var other = await FeatureKit.BuildAsync(App, viaReseller: true);
        (await w.Self.PutBytesAsync(path, FeatureKit.Wav(), "audio/wav")).ShouldHave(HttpStatusCode.OK);
        (await other.Self.GetBytesAsync(path)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.Staff.PutBytesAsync(path, FeatureKit.Wav(), "audio/wav")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Self.GetBytesAsync($"{other.Menus}/{path.Split('/')[^2]}/greeting")).Status.ShouldBe(HttpStatusCode.NotFound);

        var reader = await w.Admin.CreateRoleAsync(new { autoAttendants = "read" });
        await w.Admin.AllowRolesAsync(w.Customer, reader);
        var readOnly = await App.ActivateAsync(fixture.Mail, await w.Self.CreateIndividualAsync(w.Customer, reader));
        (await readOnly.GetBytesAsync(path)).Status.ShouldBe(HttpStatusCode.OK);
        (await readOnly.PutBytesAsync(path, FeatureKit.Wav(), "audio/wav"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/autoAttendants/modify");
        (await App.Anonymous().GetBytesAsync(path)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var trail = (await w.Admin.GetAsync($"/api/v1/customers/{w.Customer}/audit?entity=autoAttendantGreeting")).ShouldHave(HttpStatusCode.OK);
        var changes = trail.Items.ShouldHaveSingleItem().GetProperty("changes");
        changes.TryGetProperty("audio", out _).ShouldBeFalse("the audio itself is not copied into the audit trail");
        changes.GetProperty("sha256").GetProperty("new").GetString()!.Length.ShouldBe(64);
    }
}

public sealed class GreetingTestsOnSqlite(SqliteApp app) : GreetingTests(app), IClassFixture<SqliteApp>;

public sealed class GreetingTestsOnPostgres(PostgresApp app) : GreetingTests(app), IClassFixture<PostgresApp>;
