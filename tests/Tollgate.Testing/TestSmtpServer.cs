using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Tollgate.Testing;

/// <summary>A real SMTP server on a loopback port, for tests: it receives what Tollgate's MailKit client sends.</summary>
/// <remarks>
/// <see cref="RefuseNext"/> makes it answer the next deliveries with an SMTP error (a 4xx "try later" or a 5xx refusal),
/// to test retries; <see cref="Refused"/> counts the refusals it gave.
/// </remarks>
public sealed class TestSmtpServer : Mailbox, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<SmtpResponse> _refusals = new();
    private Task _running = Task.CompletedTask;
    private int _refused;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Starts a server on <paramref name="port"/>, or on a free loopback port.</summary>
    public static TestSmtpServer Start(int? port = null)
    {
        var server = new TestSmtpServer(port ?? FreePort());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(server));
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        return server;
    }

    /// <summary>The settings that point a Tollgate process at this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Tollgate:Smtp:Host"] = "127.0.0.1",
        ["Tollgate:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Tollgate:Smtp:UseTls"] = "false",
        ["Tollgate:Smtp:From"] = "ABC Telecom <noreply@abc-telecom.example>",
    };

    /// <summary>Answers the next <paramref name="count"/> messages with <paramref name="code"/> instead of accepting them.</summary>
    public void RefuseNext(int count, SmtpReplyCode code, string text = "refused by the test")
    {
        lock (_refusals)
            for (var i = 0; i < count; i++) _refusals.Enqueue(new SmtpResponse(code, text));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }
        _stop.Dispose();
    }

    private SmtpResponse Receive(ReadOnlySequence<byte> buffer)
    {
        lock (_refusals)
        {
            if (_refusals.TryDequeue(out var refusal))
            {
                Interlocked.Increment(ref _refused);
                return refusal;
            }
        }
        using var stream = new MemoryStream(buffer.ToArray());
        Add(MimeMessage.Load(stream));
        return SmtpResponse.Ok;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) => Task.FromResult(server.Receive(buffer));
    }
}
