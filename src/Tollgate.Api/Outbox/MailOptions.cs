using System.Globalization;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Tollgate.Api.Outbox;

/// <summary>The SMTP server e-mail is delivered through (configuration section <c>Tollgate:Smtp</c>).</summary>
/// <remarks>
/// Without <see cref="Host"/> no SMTP server is used: each message is written as an RFC 5322 <c>.eml</c> file in the
/// mail folder instead (DATA/mail, or <c>--mail-dir</c>), which is what the embedded default wants.
/// </remarks>
public sealed class SmtpOptions
{
    public const string Section = "Tollgate:Smtp";

    /// <summary>The SMTP server's host name or address; empty means "write .eml files".</summary>
    public string? Host { get; set; }

    /// <summary>The port (default 465 when <see cref="UseTls"/> is true and nothing else is said, else 587; 25 for a plain relay).</summary>
    public int? Port { get; set; }

    /// <summary>User name for SMTP authentication; none when empty.</summary>
    public string? User { get; set; }

    /// <summary>Password for SMTP authentication; never logged or shown.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, as <c>Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; set; } = "Tollgate <tollgate@localhost>";

    /// <summary>true: TLS is required (implicit TLS on port 465, STARTTLS otherwise); false: plain text (a local relay only); unset: STARTTLS when the server offers it.</summary>
    public bool? UseTls { get; set; }

    /// <summary>How long one SMTP command may take, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? (UseTls == true ? 465 : 587);

    public SecureSocketOptions Security => UseTls switch
    {
        true when EffectivePort == 465 => SecureSocketOptions.SslOnConnect,
        true => SecureSocketOptions.StartTls,
        false => SecureSocketOptions.None,
        null => SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>Checks the section as a person wrote it; every problem is returned, none thrown.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var problems = new List<string>();
        if (section["Port"] is { Length: > 0 } port &&
            (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535))
            problems.Add($"{Section}:Port: '{port}' is not a port number from 1 to 65535");
        if (section["UseTls"] is { Length: > 0 } tls && !bool.TryParse(tls, out _))
            problems.Add($"{Section}:UseTls: '{tls}' is not true or false");
        if (section["From"] is { Length: > 0 } from && !MailboxAddress.TryParse(from, out _))
            problems.Add($"{Section}:From: '{from}' is not an address such as 'Billing <billing@example.com>'");
        if (section["TimeoutSeconds"] is { Length: > 0 } timeout &&
            (!int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t < 1))
            problems.Add($"{Section}:TimeoutSeconds: '{timeout}' is not a positive number of seconds");
        return problems;
    }
}

/// <summary>How the outbox worker paces itself (configuration section <c>Tollgate:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the worker looks for messages committed by other processes, in seconds.</summary>
    public int PollSeconds { get; set; } = 10;

    /// <summary>How many messages one pass takes at most.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>After this many hours of failed attempts a message is marked failed (it stays in the table).</summary>
    public int GiveUpAfterHours { get; set; } = 72;
}
