using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tollgate.Sip;

namespace Tollgate.Switch.Control;

/// <summary>The SDP offer the switch rings the first party of a click-to-dial call with, before there is anyone to talk to.</summary>
/// <remarks>
/// <para>RFC 3725 calls it a "black hole": an offer whose media go nowhere. It names the switch's own address and the
/// discard port 9, with <c>sendrecv</c>, rather than the classic <c>c=0.0.0.0</c>: many phones read 0.0.0.0 as hold
/// and answer <c>recvonly</c>, and that answer, offered on to the second party, would leave the call one-way.</para>
/// <para>The phone's answer is constrained to these codecs, and the second party is offered that answer, so the list
/// carries what phones commonly speak: PCMU, PCMA, G.722, G.729 and RFC 4733 telephone events.</para>
/// </remarks>
internal static class HoldOffer
{
    public static byte[] Create(string host, ISipRandom random)
    {
        var address = host.Trim('[', ']');
        var family = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var session = (1_000_000_000L + random.NextInt(1_000_000_000)).ToString(CultureInfo.InvariantCulture);
        var text = $"v=0\r\no=tollgate {session} 1 IN {family} {address}\r\ns=-\r\nc=IN {family} {address}\r\nt=0 0\r\n"
                   + "m=audio 9 RTP/AVP 0 8 9 18 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:9 G722/8000\r\n"
                   + "a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        return System.Text.Encoding.ASCII.GetBytes(text);
    }
}
