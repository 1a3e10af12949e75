using System.Text;

namespace Tollgate.Sip.Messages;

/// <summary>Conversions between <see cref="SipMethodSet"/> and header text.</summary>
public static class SipMethodSetExtensions
{
    /// <summary>True when the set contains the method; always false for unknown methods.</summary>
    public static bool Contains(this SipMethodSet set, SipMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.IsKnown && (set & method.Flag) == method.Flag;
    }

    /// <summary>Formats the set as an <c>Allow</c> header value ("INVITE, ACK, BYE").</summary>
    public static string ToHeaderValue(this SipMethodSet set)
    {
        var sb = new StringBuilder();
        foreach (var m in SipMethod.KnownMethods)
        {
            if ((set & m.Flag) != 0)
            {
                if (sb.Length > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(m.Name);
            }
        }

        return sb.ToString();
    }
}
