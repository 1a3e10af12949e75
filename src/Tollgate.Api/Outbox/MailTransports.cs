using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Tollgate.Api.Outbox;

/// <summary>What became of one message handed to a transport.</summary>
public enum DeliveryOutcome
{
    Sent,

    /// <summary>May work later (server busy or unreachable, 4xx): retried with back-off.</summary>
    Transient,

    /// <summary>Will never work as it is (5xx: no such mailbox, refused): not retried.</summary>
    Permanent,
}

/// <summary>The result of one delivery attempt.</summary>
public sealed record Delivery(DeliveryOutcome Outcome, string? Error = null)
{
    public static Delivery Sent { get; } = new(DeliveryOutcome.Sent);
}

/// <summary>Carries e-mail out of Tollgate: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    /// <summary>Where mail goes, for the start-up banner and logs (never a password).</summary>
    string Describe();

    /// <summary>Delivers a batch; one result per message, in order. Faults of the transport become transient results.</summary>
    Task<IReadOnlyList<Delivery>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct);
}

/// <summary>Delivers through an SMTP server with MailKit: one connection per batch.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public string Describe() =>
        $"SMTP {options.Host}:{options.EffectivePort} ({options.Security}{(string.IsNullOrEmpty(options.User) ? "" : $", as {options.User}")})";

    public async Task<IReadOnlyList<Delivery>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        var results = new Delivery[messages.Count];
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.EffectivePort, options.Security, ct);
            if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        }
        catch (Exception e) when (IsTransportFault(e))
        {
            Array.Fill(results, new Delivery(DeliveryOutcome.Transient, $"cannot reach {options.Host}:{options.EffectivePort}: {e.Message}"));
            return results;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (!client.IsConnected)
            {
                results[i] = new Delivery(DeliveryOutcome.Transient, "the SMTP connection was lost");
                continue;
            }
            try
            {
                await client.SendAsync(messages[i], ct);
                results[i] = Delivery.Sent;
            }
            catch (SmtpCommandException e)
            {
                var code = (int)e.StatusCode;
                results[i] = new Delivery(code >= 500 ? DeliveryOutcome.Permanent : DeliveryOutcome.Transient,
                    string.Create(CultureInfo.InvariantCulture, $"{code} {e.Message}"));
            }
            catch (Exception e) when (IsTransportFault(e))
            {
                results[i] = new Delivery(DeliveryOutcome.Transient, e.Message);
            }
        }
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, ct);
            }
            catch (Exception e) when (IsTransportFault(e))
            {
                // The messages are already accepted; a failed QUIT changes nothing.
            }
        }
        return results;
    }

    private static bool IsTransportFault(Exception e) =>
        e is IOException or SocketException or TimeoutException or MailKit.Security.AuthenticationException
            or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or System.Security.Authentication.AuthenticationException or NotSupportedException;
}

/// <summary>Writes each message as an RFC 5322 <c>.eml</c> file into a folder (the default when no SMTP server is configured).</summary>
/// <remarks>
/// A file appears whole or not at all: it is written under a temporary name and then renamed, so a program watching
/// the folder never reads half a message. Names start with the UTC time the message was queued.
/// </remarks>
public sealed class MailFolderTransport(string folder) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public string Describe() => $"no SMTP server configured: e-mails are written as .eml files to {Folder}";

    public async Task<IReadOnlyList<Delivery>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        var results = new List<Delivery>(messages.Count);
        foreach (var message in messages)
        {
            try
            {
                Directory.CreateDirectory(Folder);
                var name = $"{message.Date.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{FileSafe(message.MessageId ?? Guid.NewGuid().ToString("N"))}.eml";
                var temporary = Path.Combine(Folder, $".{name}.tmp");
                await using (var file = File.Create(temporary)) await message.WriteToAsync(file, ct);
                File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
                results.Add(Delivery.Sent);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                results.Add(new Delivery(DeliveryOutcome.Transient, $"cannot write to {Folder}: {e.Message}"));
            }
        }
        return results;
    }

    private static string FileSafe(string id) => new(id.TakeWhile(c => c != '@').Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
}
