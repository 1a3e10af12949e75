using System.Globalization;

namespace Tollgate.Sip.Sdp;

/// <summary>Reads and rewrites the origin of an SDP body without touching any other byte.</summary>
/// <remarks>
/// A B2BUA passes SDP through: it must not re-serialize what it does not understand. These helpers find the
/// <c>o=</c> line, read it, and splice a new sess-version in place; everything else, including line ends and
/// attribute order, is kept byte for byte.
/// </remarks>
public static class SdpBody
{
    public static bool TryReadOrigin(ReadOnlySpan<byte> sdp, out SdpOrigin? origin)
    {
        origin = null;
        if (!TryFindOrigin(sdp, out var lineStart, out var lineEnd))
        {
            return false;
        }

        Span<Range> fields = stackalloc Range[6];
        var line = sdp[(lineStart + 2)..lineEnd];
        var count = 0;
        foreach (var field in line.Split((byte)' '))
        {
            if (count == fields.Length)
            {
                return false;
            }

            fields[count++] = field;
        }

        if (count != 6)
        {
            return false;
        }

        if (!ulong.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        origin = new SdpOrigin(Utf8(line[fields[0]]), Utf8(line[fields[1]]), version, Utf8(line[fields[3]]),
            Utf8(line[fields[4]]), Utf8(line[fields[5]]));
        return true;
    }

    /// <summary>Returns a copy of the body whose o= line carries <paramref name="version"/>; false without an o= line.</summary>
    public static bool TryWithOriginVersion(ReadOnlySpan<byte> sdp, ulong version, out byte[] result)
    {
        result = [];
        if (!TryFindOrigin(sdp, out var lineStart, out var lineEnd))
        {
            return false;
        }

        // Field 3 of "o=a b c ..." starts after the second space.
        var line = sdp[lineStart..lineEnd];
        var first = line.IndexOf((byte)' ');
        var second = first < 0 ? -1 : line[(first + 1)..].IndexOf((byte)' ');
        if (second < 0)
        {
            return false;
        }

        var versionStart = lineStart + first + 1 + second + 1;
        var versionLength = sdp[versionStart..lineEnd].IndexOf((byte)' ');
        if (versionLength <= 0)
        {
            return false;
        }

        Span<byte> digits = stackalloc byte[20];
        version.TryFormat(digits, out var n, provider: CultureInfo.InvariantCulture);
        result = [.. sdp[..versionStart], .. digits[..n], .. sdp[(versionStart + versionLength)..]];
        return true;
    }

    /// <summary>The body with its sess-version increased by one, as a changed offer needs (RFC 3264 §8).</summary>
    public static bool TryIncrementOriginVersion(ReadOnlySpan<byte> sdp, out byte[] result)
    {
        result = [];
        return TryReadOrigin(sdp, out var origin) && TryWithOriginVersion(sdp, origin!.SessionVersion + 1, out result);
    }

    private static bool TryFindOrigin(ReadOnlySpan<byte> sdp, out int lineStart, out int lineEnd)
    {
        lineStart = -1;
        lineEnd = -1;
        var pos = 0;
        while (pos < sdp.Length)
        {
            var nl = sdp[pos..].IndexOf((byte)'\n');
            var end = nl < 0 ? sdp.Length : pos + nl;
            var contentEnd = end > pos && sdp[end - 1] == '\r' ? end - 1 : end;
            if (sdp[pos..contentEnd].StartsWith("o="u8))
            {
                lineStart = pos;
                lineEnd = contentEnd;
                return true;
            }

            pos = end + 1;
        }

        return false;
    }

    private static string Utf8(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
