namespace Tollgate.Sip.Syntax;

/// <summary>The parts of one via-parm as byte offsets; -1 marks an absent parameter.</summary>
internal readonly record struct ViaParts(
    int ProtocolStart,
    int ProtocolEnd,
    int VersionStart,
    int VersionEnd,
    int TransportStart,
    int TransportEnd,
    int HostStart,
    int HostEnd,
    int Port,
    int ParamsStart,
    int ParamsEnd,
    int BranchStart,
    int BranchEnd,
    bool HasRport)
{
    public bool HasBranch => BranchStart >= 0;
}

/// <summary>Scans one via-parm (RFC 3261 §20.42, §25.1; rport of RFC 3581).</summary>
/// <remarks>
/// sent-protocol allows LWS around its slashes ("SIP  /   2.0\r\n /UDP" in RFC 4475 wsinv). The branch is not
/// required here because only the top Via of a message must carry one; the message parser enforces that.
/// </remarks>
internal static class ViaScanner
{
    public static bool TryScan(ReadOnlySpan<byte> s, ref int i, out ViaParts parts, out string? error)
    {
        parts = default;
        Lex.SkipLws(s, ref i);
        if (!TryScanProtocolPart(s, ref i, out var protoStart, out var protoEnd, "protocol name", out error)
            || !TrySlash(s, ref i, out error)
            || !TryScanProtocolPart(s, ref i, out var verStart, out var verEnd, "protocol version", out error)
            || !TrySlash(s, ref i, out error)
            || !TryScanProtocolPart(s, ref i, out var trStart, out var trEnd, "transport", out error))
        {
            return false;
        }

        var beforeHost = i;
        Lex.SkipLws(s, ref i);
        if (i == beforeHost)
        {
            error = "missing space before sent-by";
            return false;
        }

        if (!UriScanner.TryScanHostPortLws(s, ref i, out var hostStart, out var hostEnd, out var port, out error))
        {
            error = "sent-by: " + error;
            return false;
        }

        var paramsStart = i;
        int branchStart = -1, branchEnd = -1;
        var hasRport = false;
        while (ParamScanner.TryNext(s, ref i, out var p, out error))
        {
            var name = p.Name(s);
            var value = p.Value(s);
            if (Ascii.EqualsIgnoreCase(name, "branch"u8))
            {
                if (!p.HasValue || p.Quoted)
                {
                    error = "branch parameter must be a token";
                    return false;
                }

                branchStart = p.ValueStart;
                branchEnd = p.ValueEnd;
            }
            else if (Ascii.EqualsIgnoreCase(name, "received"u8))
            {
                if (!p.HasValue || !UriScanner.IsIPAddress(value))
                {
                    error = "received parameter must be an IP address";
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "rport"u8))
            {
                hasRport = true;
                if (p.HasValue && !Lex.TryParseNumber(value, 65535, out _))
                {
                    error = "rport parameter must be empty or a port number";
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "ttl"u8))
            {
                if (!p.HasValue || !Lex.TryParseNumber(value, 255, out _))
                {
                    error = "ttl parameter must be a number from 0 to 255";
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "maddr"u8) && (!p.HasValue || p.Quoted))
            {
                error = "maddr parameter must be a host";
                return false;
            }
        }

        if (error is not null)
        {
            return false;
        }

        parts = new ViaParts(protoStart, protoEnd, verStart, verEnd, trStart, trEnd, hostStart, hostEnd, port,
            paramsStart, i, branchStart, branchEnd, hasRport);
        return true;
    }

    private static bool TryScanProtocolPart(ReadOnlySpan<byte> s, ref int i, out int start, out int end, string what,
        out string? error)
    {
        start = i;
        end = Lex.ScanToken(s, i);
        i = end;
        error = end == start ? $"missing {what} in sent-protocol" : null;
        return error is null;
    }

    private static bool TrySlash(ReadOnlySpan<byte> s, ref int i, out string? error)
    {
        Lex.SkipLws(s, ref i);
        if (i >= s.Length || s[i] != '/')
        {
            error = "sent-protocol must be name/version/transport";
            return false;
        }

        i++;
        Lex.SkipLws(s, ref i);
        error = null;
        return true;
    }
}
