using System.Net;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Stack;

/// <summary>Two stacks calling each other over real sockets and the real clock, as a B2BUA's two legs would.</summary>
public class TwoStackCallTests
{
    private static readonly byte[] Offer = "v=0\r\no=- 5 1 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"u8.ToArray();

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public async Task Call_OverIPv6Loopback_AnswersUpdatesReinvitesAndHangsUp(SipTransportKind kind)
    {
        var listen = new[] { new SipListenEndpoint(kind, new IPEndPoint(IPAddress.IPv6Loopback, 0)) };
        await using var caller = new SipStack(new SipStackOptions { ListenEndpoints = listen });
        await using var callee = new SipStack(new SipStackOptions { ListenEndpoints = listen });
        var calleeSaw = new List<string>();
        callee.RequestReceived += r =>
        {
            lock (calleeSaw)
            {
                calleeSaw.Add(r.Request.Method.Name);
            }

            if (r.Request.Method != SipMethod.Ack)
            {
                var response = r.CreateResponse(SipStatusCodes.Ok);
                if (!r.Request.Body.IsEmpty)
                {
                    response.SetBody(Offer, "application/sdp");
                }

                r.Respond(response);
            }
        };
        caller.Start();
        callee.Start();
        var calleePort = callee.Transports[0].LocalEndPoint.Port;
        var parameters = kind == SipTransportKind.Tcp ? ";transport=tcp" : "";

        var invite = caller.CreateRequest(SipMethod.Invite, SipUri.Parse($"sip:callee@[::1]:{calleePort}{parameters}"),
            NameAddress.Parse("<sip:caller@example.com>"), NameAddress.Parse("<sip:callee@example.com>")).SetBody(Offer, "application/sdp");
        var outcome = await caller.InviteAsync(invite).WaitAsync(TimeSpan.FromSeconds(20));
        outcome.Response.StatusCode.ShouldBe(200);
        var dialog = outcome.Dialog!;
        dialog.RemoteAllowsUpdate.ShouldBe(true); // the callee's stack lists UPDATE in its 2xx

        (await caller.SendInDialogAsync(dialog, SipMethod.Update).WaitAsync(TimeSpan.FromSeconds(20))).StatusCode.ShouldBe(200);
        (await caller.SendInDialogAsync(dialog, SipMethod.Invite, Offer).WaitAsync(TimeSpan.FromSeconds(20))).StatusCode.ShouldBe(200);
        (await caller.SendInDialogAsync(dialog, SipMethod.Bye).WaitAsync(TimeSpan.FromSeconds(20))).StatusCode.ShouldBe(200);

        SpinWait.SpinUntil(() => { lock (calleeSaw) { return calleeSaw.Count == 6; } }, TimeSpan.FromSeconds(10));
        lock (calleeSaw)
        {
            calleeSaw.ShouldBe(["INVITE", "ACK", "UPDATE", "INVITE", "ACK", "BYE"]);
        }

        caller.DialogCount.ShouldBe(0);
        callee.DialogCount.ShouldBe(0);
    }
}
