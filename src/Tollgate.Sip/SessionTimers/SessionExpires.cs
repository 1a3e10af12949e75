using System.Globalization;
using System.Text;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.SessionTimers;

/// <summary>The Session-Expires header (RFC 4028 §4): an interval in seconds and who refreshes.</summary>
/// <remarks>
/// The header's grammar allows any interval; RFC 4028 §4 says it MUST NOT be below 90 s, and a UAS answers
/// 422 when it is below its own Min-SE (see <see cref="SessionTimer"/>).
/// </remarks>
public sealed record SessionExpires(uint DeltaSeconds, SessionRefresher Refresher = SessionRefresher.Unspecified)
{
    public TimeSpan Interval => TimeSpan.FromSeconds(DeltaSeconds);

    public override string ToString() => Refresher switch
    {
        SessionRefresher.Uac => $"{DeltaSeconds.ToString(CultureInfo.InvariantCulture)};refresher=uac",
        SessionRefresher.Uas => $"{DeltaSeconds.ToString(CultureInfo.InvariantCulture)};refresher=uas",
        _ => DeltaSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string text, out SessionExpires? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = FromUtf8(Encoding.UTF8.GetBytes(text));
        return value is not null;
    }

    /// <summary>Parses "delta-seconds *(;se-params)"; null when malformed.</summary>
    internal static SessionExpires? FromUtf8(ReadOnlySpan<byte> s)
    {
        if (!ScalarScanner.TryParseDeltaWithParams(s, out var seconds, out var i, out _))
        {
            return null;
        }

        var refresher = SessionRefresher.Unspecified;
        while (ParamScanner.TryNext(s, ref i, out var p, out _))
        {
            if (Ascii.EqualsIgnoreCase(p.Name(s), "refresher"u8) && p.HasValue)
            {
                var v = p.Value(s);
                refresher = Ascii.EqualsIgnoreCase(v, "uac"u8) ? SessionRefresher.Uac
                    : Ascii.EqualsIgnoreCase(v, "uas"u8) ? SessionRefresher.Uas
                    : SessionRefresher.Unspecified;
            }
        }

        return new SessionExpires((uint)seconds, refresher);
    }
}
