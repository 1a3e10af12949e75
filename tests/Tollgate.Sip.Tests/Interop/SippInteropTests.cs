using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Interop;

/// <summary>Calls between the stack and the real sipp over loopback sockets.</summary>
[Collection(SippCollection.Name)]
public class SippInteropTests
{
    private static readonly byte[] Answer =
        "v=0\r\no=tollgate 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7078 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"u8.ToArray();

    [Theory]
    [InlineData("udp", "u1")]
    [InlineData("tcp", "t1")]
    public async Task Uas_AnswersSippUacCall_SippSucceeds(string transport, string sippTransport)
    {
        var kind = SipTransportKindExtensions.FromName(transport)!.Value;
        await using var stack = new SipStack(new SipStackOptions
        {
            ListenEndpoints = [new SipListenEndpoint(kind, new IPEndPoint(IPAddress.Loopback, 0))],
        });
        var seen = new ConcurrentQueue<string>();
        stack.RequestReceived += request =>
        {
            seen.Enqueue(request.Request.Method.Name);
            switch (request.Request.Method.Name)
            {
                case "INVITE":
                    request.Respond(180);
                    request.Respond(request.CreateResponse(200).SetBody(Answer, "application/sdp"));
                    break;
                case "BYE":
                    request.Respond(200);
                    break;
            }
        };
        stack.Start();
        var port = stack.Transports[0].LocalEndPoint.Port;

        var run = await Sipp.RunAsync(
            ["-sn", "uac", $"127.0.0.1:{port}", "-i", "127.0.0.1", "-p", Sipp.FreePort(kind == SipTransportKind.Udp ? SocketType.Dgram : SocketType.Stream).ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", sippTransport],
            TimeSpan.FromSeconds(40));

        run.ExitCode.ShouldBe(0, run.Output);
        seen.ShouldBe(["INVITE", "ACK", "BYE"]);
        Sipp.StartLines(run.Messages).ShouldBe(["INVITE", "100", "180", "200", "ACK", "BYE", "200"], run.Messages);
        stack.DialogCount.ShouldBe(0);
    }

    [Fact]
    public async Task Uac_CallsSippUas_SippSucceeds()
    {
        await using var stack = new SipStack(new SipStackOptions
        {
            ListenEndpoints = [new SipListenEndpoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 0))],
        });
        stack.Start();
        var sippPort = Sipp.FreePort(SocketType.Dgram);
        var sipp = Sipp.RunAsync(["-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(40));

        var provisional = new ConcurrentQueue<int>();
        var invite = stack.CreateRequest(SipMethod.Invite, SipUri.Parse($"sip:service@127.0.0.1:{sippPort}"),
                NameAddress.Parse("<sip:tollgate@127.0.0.1>"), NameAddress.Parse($"<sip:service@127.0.0.1:{sippPort}>"))
            .SetBody(Answer, "application/sdp");
        var outcome = await stack.InviteAsync(invite, r => provisional.Enqueue(r.StatusCode)).WaitAsync(TimeSpan.FromSeconds(30));
        outcome.Response.StatusCode.ShouldBe(200);
        var bye = await stack.SendInDialogAsync(outcome.Dialog!, SipMethod.Bye).WaitAsync(TimeSpan.FromSeconds(30));
        var run = await sipp;

        run.ExitCode.ShouldBe(0, run.Output);
        provisional.ShouldContain(180);
        bye.StatusCode.ShouldBe(200);
        Sipp.StartLines(run.Messages).ShouldBe(["INVITE", "180", "200", "ACK", "BYE", "200"], run.Messages);
        stack.DialogCount.ShouldBe(0);
    }
}
