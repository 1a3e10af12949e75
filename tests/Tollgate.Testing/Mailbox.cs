using System.Text.RegularExpressions;
using MimeKit;

namespace Tollgate.Testing;

/// <summary>E-mail that reached a test: over real SMTP (<see cref="TestSmtpServer"/>) or as .eml files (<see cref="MailFolder"/>).</summary>
/// <remarks>
/// Waiting is for an event (a message arriving), never for time to pass; the timeout only turns a message that never
/// comes into a failure with a clear message instead of a hung test.
/// </remarks>
public abstract partial class Mailbox
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<MimeMessage> _received = [];
    private readonly List<(Func<MimeMessage, bool> Match, TaskCompletionSource<MimeMessage> Done)> _waiters = [];

    public IReadOnlyList<MimeMessage> Received
    {
        get
        {
            lock (_lock) return _received.ToList();
        }
    }

    /// <summary>The first message (already received or still to come) that matches.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, string what)
    {
        var done = new TaskCompletionSource<MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_received.FirstOrDefault(match) is { } already) return already;
            _waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No e-mail {what} arrived; received: {string.Join("; ", Received.Select(m => $"{m.To} '{m.Subject}'"))}");
        }
    }

    /// <summary>The first message to this address.</summary>
    public Task<MimeMessage> WaitForAsync(string to) =>
        WaitForAsync(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)), $"to {to}");

    protected void Add(MimeMessage message)
    {
        List<TaskCompletionSource<MimeMessage>> done;
        lock (_lock)
        {
            _received.Add(message);
            done = _waiters.Where(w => w.Match(message)).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => done.Contains(w.Done));
        }
        foreach (var d in done) d.TrySetResult(message);
    }

    /// <summary>The set-password link in a credentials e-mail.</summary>
    public static Uri LinkIn(MimeMessage message)
    {
        var match = Link().Match(message.TextBody ?? "");
        if (!match.Success) throw new InvalidOperationException($"No set-password link in: {message.TextBody}");
        return new Uri(match.Value);
    }

    /// <summary>The token of the set-password link in a credentials e-mail.</summary>
    public static string TokenIn(MimeMessage message) =>
        Uri.UnescapeDataString(System.Web.HttpUtility.ParseQueryString(LinkIn(message).Query)["token"]!);

    [GeneratedRegex(@"https?://\S+/set-password\?token=\S+")]
    private static partial Regex Link();
}

/// <summary>Collects the .eml files the outbox writes when no SMTP server is configured, as they appear.</summary>
public sealed class MailFolder : Mailbox, IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly HashSet<string> _seen = [];

    public MailFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        _watcher = new FileSystemWatcher(path, "*.eml") { NotifyFilter = NotifyFilters.FileName };
        _watcher.Created += (_, _) => Scan();
        _watcher.Renamed += (_, _) => Scan();
        _watcher.EnableRaisingEvents = true;
        Scan();
    }

    public string Path { get; }

    public void Dispose() => _watcher.Dispose();

    private void Scan()
    {
        foreach (var file in Directory.GetFiles(Path, "*.eml").Order(StringComparer.Ordinal))
        {
            lock (_seen)
            {
                if (!_seen.Add(file)) continue;
            }
            Add(MimeMessage.Load(file));
        }
    }
}

/// <summary>Reading messages in tests.</summary>
public static class MessageText
{
    /// <summary>The plain-text body ("" when there is none).</summary>
    public static string Text(this MimeMessage message) => message.TextBody ?? "";
}
