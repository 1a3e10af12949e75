using System.Net;
using System.Net.Sockets;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Tests.Parsing;
using Tollgate.Sip.Tests.Support;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transport;

public class UdpTransportTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task SendAsync_BetweenTwoSockets_DeliversMessageAndSource(string address)
    {
        var ip = IPAddress.Parse(address);
        await using var a = SipUdpTransport.Bind(new IPEndPoint(ip, 0));
        await using var b = SipUdpTransport.Bind(new IPEndPoint(ip, 0));
        var received = new TaskCompletionSource<(byte[] Bytes, IPEndPoint From)>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Start((_, bytes, from) => received.TrySetResult((bytes.ToArray(), from)));
        a.Start((_, _, _) => { });
        var message = Wire.Bytes(RealWorldCorpus.KamailioOptionsPing);

        await a.SendAsync(message, b.LocalEndPoint);

        var (got, source) = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        got.ShouldBe(message);
        source.ShouldBe(a.LocalEndPoint);
        a.LocalEndPoint.Port.ShouldNotBe(0);
        SipMessageParser.Default.Parse(got).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task Receive_ManyDatagrams_AllArrive()
    {
        await using var server = SipUdpTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), receiveLoops: 2);
        var count = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Start((_, _, _) =>
        {
            if (Interlocked.Increment(ref count) == 200)
            {
                all.TrySetResult();
            }
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var message = Wire.Bytes(RealWorldCorpus.KamailioOptionsPing);

        for (var i = 0; i < 200; i++)
        {
            await client.SendToAsync(message, SocketFlags.None, server.LocalEndPoint);
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        count.ShouldBe(200);
    }
}
