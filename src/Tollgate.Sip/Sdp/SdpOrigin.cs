using System.Globalization;

namespace Tollgate.Sip.Sdp;

/// <summary>The origin line of a session description: <c>o=username sess-id sess-version nettype addrtype address</c> (RFC 4566 §5.2).</summary>
/// <remarks>
/// A B2BUA that re-offers an unchanged session must send the same version, and a changed one a higher version
/// (RFC 3264 §8), so the version is the one field it reads and rewrites.
/// </remarks>
public sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, string NetworkType,
    string AddressType, string Address)
{
    public override string ToString() =>
        $"o={Username} {SessionId} {SessionVersion.ToString(CultureInfo.InvariantCulture)} {NetworkType} {AddressType} {Address}";
}
