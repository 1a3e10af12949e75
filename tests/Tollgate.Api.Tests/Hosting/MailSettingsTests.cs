using System.Text;
using Microsoft.Extensions.Configuration;
using Tollgate.Cli;
using Tollgate.Hosting;

namespace Tollgate.Api.Tests.Hosting;

/// <summary>Where e-mail goes: --mail-dir / TOLLGATE_MAIL_DIR, the Tollgate:Smtp section, and what <c>tollgate up</c> says about it.</summary>
public sealed class MailSettingsTests
{
    private static (TollgateSettings? Settings, string? Error) Read(Dictionary<string, string?> values) =>
        TollgateSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void MailDir_DefaultsToMailInTheDataFolder_AndCanBeMoved()
    {
        var data = Path.Combine(Path.GetTempPath(), "tollgate-data");
        Read(new() { ["Tollgate:Data"] = data }).Settings!.MailDirectory.ShouldBe(Path.Combine(data, "mail"));
        Read(new() { ["Tollgate:Data"] = data, ["Tollgate:MailDir"] = "/var/spool/tollgate" }).Settings!.MailDirectory.ShouldBe("/var/spool/tollgate");
        Setting.ForUp.ShouldContain(s => s.Option == "--mail-dir" && s.Environment == "TOLLGATE_MAIL_DIR" && s.Key == "Tollgate:MailDir");
    }

    [Fact]
    public void SmtpSettings_AreCheckedBeforeStart_EveryProblemAtOnce()
    {
        var (settings, error) = Read(new()
        {
            ["Tollgate:Smtp:Host"] = "smtp.example.com", ["Tollgate:Smtp:Port"] = "99999", ["Tollgate:Smtp:UseTls"] = "perhaps",
            ["Tollgate:Smtp:From"] = "not an address",
        });
        settings.ShouldBeNull();
        var message = error.ShouldNotBeNull();
        message.ShouldContain("Tollgate:Smtp:Port");
        message.ShouldContain("Tollgate:Smtp:UseTls");
        message.ShouldContain("Tollgate:Smtp:From");
    }

    [Fact]
    public async Task Up_WithoutSmtp_PrintsTheMailFolder()
    {
        var data = Directory.CreateTempSubdirectory("tollgate-up-").FullName;
        var mail = Path.Combine(data, "outgoing");
        var output = new SignallingWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = TollgateCli.RunAsync(
            ["up", "--data", data, "--urls", "http://127.0.0.1:0", "--admin-password", "admin-test-password", "--mail-dir", mail, "--demo"],
            output, error, ct: stop.Token);
        await Task.WhenAny(output.Flushed, run).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        (await run).ShouldBe(0, error.ToString());

        var banner = output.ToString();
        banner.ShouldContain($"mail       no SMTP server configured: e-mails are written as .eml files to {mail}");
        banner.ShouldContain("individual bob / demo-password");
    }

    /// <summary>Collects what is written and says when the banner was flushed (it flushes once, at its end).</summary>
    private sealed class SignallingWriter : StringWriter
    {
        private readonly TaskCompletionSource _flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Flushed => _flushed.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override Task FlushAsync()
        {
            if (ToString().Contains("Sign in:", StringComparison.Ordinal)) _flushed.TrySetResult();
            return base.FlushAsync();
        }
    }
}
