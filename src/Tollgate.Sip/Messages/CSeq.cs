using System.Globalization;

namespace Tollgate.Sip.Messages;

/// <summary>The CSeq header: a sequence number below 2**31 and the request method (RFC 3261 §20.16).</summary>
public readonly record struct CSeq(uint Number, SipMethod Method)
{
    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method.Name}";
}
