using System.Globalization;
using System.Net;
using Tollgate.Sip.Authentication;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Shouldly;
using Tollgate.Sip.Transport;

namespace Tollgate.Testing;

/// <summary>Registers a phone's contact with the switch: a real REGISTER over UDP, answering the digest challenge.</summary>
/// <remarks>
/// The REGISTER is sent by the SIP library (as the registering half of the phone) so the switch's default challenges
/// (SHA-256 first, RFC 8760) can be answered; sipp 3.6 reads only the first challenge and knows only MD5. The calls are
/// then answered by whatever listens at the registered contact (sipp, in the tests and benchmarks).
/// </remarks>
public static class PhoneRegistration
{
    public static async Task RegisterAsync(IPEndPoint sipSwitch, string accountId, string password, string contact, string userAgent = "sipp-phone/3.6")
    {
        await using var stack = new SipStack(new SipStackOptions
        {
            ListenEndpoints = [new SipListenEndpoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 0))],
            UserAgent = userAgent,
        });
        stack.Start();
        var registrar = SipUri.Create(null, sipSwitch);
        var aor = new NameAddress(SipUri.Create(accountId, sipSwitch.Address.ToString()));
        var from = aor.WithTag(Guid.NewGuid().ToString("N")[..10]);
        var callId = $"reg-{Guid.NewGuid():N}";
        SipRequestBuilder Register(uint sequence) => stack.CreateRequest(SipMethod.Register, registrar, from, aor, callId)
            .SetHeader(KnownHeader.CSeq, new CSeq(sequence, SipMethod.Register).ToString())
            .AddHeader(KnownHeader.Contact, contact)
            .AddHeader(KnownHeader.Expires, "3600");

        var response = await stack.SendRequestAsync(Register(1)).WaitAsync(TimeSpan.FromSeconds(30));
        if (response.StatusCode == SipStatusCodes.Unauthorized)
        {
            var retry = Register(2);
            DigestClient.TryAuthorize(retry, response, accountId, password, stack.Random).ShouldBeTrue("the switch's 401 carries a challenge");
            response = await stack.SendRequestAsync(retry).WaitAsync(TimeSpan.FromSeconds(30));
        }

        response.StatusCode.ShouldBe(SipStatusCodes.Ok,
            $"registering {accountId}: {response.StatusCode.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}");
    }
}
