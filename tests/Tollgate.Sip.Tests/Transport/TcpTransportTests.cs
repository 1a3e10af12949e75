using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Tollgate.Sip.Tests.Parsing;
using Tollgate.Sip.Tests.Support;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transport;

public class TcpTransportTests
{
    private static readonly byte[] Message = Wire.Bytes(RealWorldCorpus.SippUacInvite);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task SendAsync_RequestAndReply_UseOneConnection(string address)
    {
        var ip = IPAddress.Parse(address);
        await using var a = SipTcpTransport.Bind(new IPEndPoint(ip, 0));
        await using var b = SipTcpTransport.Bind(new IPEndPoint(ip, 0));
        var atB = Channel.CreateUnbounded<(byte[], IPEndPoint)>();
        var atA = Channel.CreateUnbounded<(byte[], IPEndPoint)>();
        b.Start((_, m, r) => atB.Writer.TryWrite((m.ToArray(), r)));
        a.Start((_, m, r) => atA.Writer.TryWrite((m.ToArray(), r)));

        await a.SendAsync(Message, b.LocalEndPoint);
        var (request, from) = await atB.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await b.SendAsync(Message, from);
        var (reply, replyFrom) = await atA.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        request.ShouldBe(Message);
        reply.ShouldBe(Message);
        replyFrom.ShouldBe(b.LocalEndPoint);
        a.ConnectionCount.ShouldBe(1);
        b.ConnectionCount.ShouldBe(1);
    }

    [Fact]
    public async Task Receive_SplitAndCoalescedMessagesWithKeepAlives_FramesEachMessage()
    {
        await using var server = SipTcpTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var got = Channel.CreateUnbounded<byte[]>();
        server.Start((_, m, _) => got.Writer.TryWrite(m.ToArray()));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(server.LocalEndPoint);

        // One message byte-chunked, then a pong CRLF, then two messages in one write.
        foreach (var chunk in Message.Chunk(7))
        {
            await client.SendAsync(chunk, SocketFlags.None);
        }

        await client.SendAsync("\r\n"u8.ToArray(), SocketFlags.None);
        await client.SendAsync(Message.Concat(Message).ToArray(), SocketFlags.None);

        for (var i = 0; i < 3; i++)
        {
            (await got.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(Message);
        }
    }

    [Fact]
    public async Task Receive_CrlfCrlfPing_AnswersCrlfPong()
    {
        await using var server = SipTcpTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Start((_, _, _) => { });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.LocalEndPoint);

        await client.SendAsync("\r\n\r\n"u8.ToArray(), SocketFlags.None);

        var pong = new byte[8];
        var n = await client.ReceiveAsync(pong, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
        pong.AsSpan(0, n).ToArray().ShouldBe("\r\n"u8.ToArray());
    }

    [Fact]
    public async Task Receive_MessageWithoutContentLength_ClosesTheConnection()
    {
        await using var server = SipTcpTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Start((_, _, _) => { });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.LocalEndPoint);

        await client.SendAsync(Wire.Bytes("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\n\n"), SocketFlags.None);

        var buffer = new byte[16];
        (await client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0);
    }

    [Fact]
    public async Task SendAsync_NobodyListening_Throws()
    {
        await using var a = SipTcpTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        a.Start((_, _, _) => { });
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = (IPEndPoint)probe.LocalEndPoint!;

        await Should.ThrowAsync<SocketException>(async () => await a.SendAsync(Message, closedPort));
    }
}
