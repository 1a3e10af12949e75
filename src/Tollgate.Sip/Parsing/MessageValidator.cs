using Tollgate.Sip.Messages;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Parsing;

/// <summary>Checks every known header against its grammar and the mandatory headers of RFC 3261 §8.1.1.</summary>
/// <remarks>
/// Validation scans bytes and allocates nothing on success, so the typed accessors of a message can trust their
/// input. Deliberate choices: the top Via must carry an RFC 3261 branch (RFC 2543 peers without one are not
/// served), the From header must carry a tag (§8.1.1.3), and Date is not checked (RFC 4475 baddate).
/// </remarks>
internal static class MessageValidator
{
    public static SipParseError? Validate(byte[] buffer, HeaderEntry[] entries, in StartLine startLine, out MessageIndex index)
    {
        index = new MessageIndex();
        ReadOnlySpan<byte> msg = buffer;
        var viaCount = 0;
        for (var k = 0; k < entries.Length; k++)
        {
            var e = entries[k];
            var value = msg[e.Value];
            var error = e.Id switch
            {
                KnownHeader.Via => CheckVia(value, e.ValueStart, ref index, ref viaCount),
                KnownHeader.From => CheckAddress(value, e.ValueStart, k, ref index.From, ref index.FromTagStart, ref index.FromTagEnd),
                KnownHeader.To => CheckAddress(value, e.ValueStart, k, ref index.To, ref index.ToTagStart, ref index.ToTagEnd),
                KnownHeader.CallId => CheckCallId(value, k, ref index),
                KnownHeader.CSeq => CheckCSeq(value, k, ref index),
                KnownHeader.MaxForwards => CheckMaxForwards(value, ref index),
                KnownHeader.Contact => CheckAddressList(value, requireBrackets: false, allowStar: true),
                KnownHeader.Route or KnownHeader.RecordRoute => CheckAddressList(value, requireBrackets: true, allowStar: false),
                KnownHeader.Allow or KnownHeader.Supported or KnownHeader.Require or KnownHeader.ProxyRequire
                    or KnownHeader.Unsupported => ListScanner.TryValidateTokens(value, out var listError) ? null : listError,
                KnownHeader.Expires or KnownHeader.MinExpires =>
                    ScalarScanner.TryParseNumber(value, ScalarScanner.MaxDeltaSeconds, out _) ? null : "must be delta-seconds below 2**32",
                KnownHeader.SessionExpires => CheckSessionExpires(value),
                KnownHeader.MinSE => ScalarScanner.TryParseDeltaWithParams(value, out _, out _, out var seError) ? null : seError,
                KnownHeader.ContentType => ScalarScanner.TryValidateMediaType(value, out var mtError) ? null : mtError,
                KnownHeader.WwwAuthenticate or KnownHeader.ProxyAuthenticate or KnownHeader.Authorization
                    or KnownHeader.ProxyAuthorization => AuthScanner.TryValidate(value, out var authError) ? null : authError,
                _ => null,
            };

            if (error is not null)
            {
                return SipParseError.InHeader(e.Id, error);
            }

            if (KnownHeaders.IsSingle(e.Id) && HasEarlier(entries, k, e.Id))
            {
                return SipParseError.InHeader(e.Id, "appears more than once");
            }
        }

        return CheckMandatory(in index, viaCount, startLine);
    }

    private static SipParseError? CheckMandatory(in MessageIndex index, int viaCount, in StartLine startLine)
    {
        if (viaCount == 0)
        {
            return Missing(KnownHeader.Via);
        }

        if (index.From < 0)
        {
            return Missing(KnownHeader.From);
        }

        if (index.To < 0)
        {
            return Missing(KnownHeader.To);
        }

        if (index.CallId < 0)
        {
            return Missing(KnownHeader.CallId);
        }

        if (index.CSeq < 0)
        {
            return Missing(KnownHeader.CSeq);
        }

        if (index.BranchStart < 0)
        {
            return SipParseError.InHeader(KnownHeader.Via, "missing branch parameter");
        }

        if (index.FromTagStart < 0)
        {
            return SipParseError.InHeader(KnownHeader.From, "missing tag parameter");
        }

        if (startLine.IsRequest && index.CSeqMethod != startLine.Method)
        {
            return new SipParseError(SipParseErrorKind.Inconsistent, "CSeq: method does not match request line",
                KnownHeader.CSeq);
        }

        return null;
    }

    private static string? CheckVia(ReadOnlySpan<byte> value, int offset, ref MessageIndex index, ref int viaCount)
    {
        var i = 0;
        while (true)
        {
            if (!ViaScanner.TryScan(value, ref i, out var via, out var error))
            {
                return error;
            }

            if (viaCount++ == 0 && via.HasBranch)
            {
                if (value[via.BranchStart..via.BranchEnd].SequenceEqual("z9hG4bK"u8))
                {
                    return "branch parameter has nothing after the magic cookie";
                }

                index.BranchStart = offset + via.BranchStart;
                index.BranchEnd = offset + via.BranchEnd;
            }

            if (!ListScanner.TryAdvance(value, ref i, out var listError))
            {
                return listError;
            }
        }
    }

    private static string? CheckAddress(ReadOnlySpan<byte> value, int offset, int k, ref int slot, ref int tagStart,
        ref int tagEnd)
    {
        if (!NameAddrScanner.TryScanSingle(value, out var parts, out var error))
        {
            return error;
        }

        if (slot < 0)
        {
            slot = k;
            if (parts.HasTag)
            {
                tagStart = offset + parts.TagStart;
                tagEnd = offset + parts.TagEnd;
            }
        }

        return null;
    }

    private static string? CheckAddressList(ReadOnlySpan<byte> value, bool requireBrackets, bool allowStar)
    {
        if (allowStar && Lex.Trim(value).SequenceEqual("*"u8))
        {
            return null;
        }

        var i = 0;
        do
        {
            if (!NameAddrScanner.TryScan(value, ref i, requireBrackets, out var parts, out var error))
            {
                return error;
            }

            if (allowStar && CheckContactParams(value, parts) is { } paramError)
            {
                return paramError;
            }

            if (!ListScanner.TryAdvance(value, ref i, out var listError))
            {
                return listError;
            }
        }
        while (true);
    }

    private static string? CheckContactParams(ReadOnlySpan<byte> value, NameAddrParts parts)
    {
        var i = parts.ParamsStart;
        while (ParamScanner.TryNext(value[..parts.ParamsEnd], ref i, out var p, out _))
        {
            var name = p.Name(value);
            if (Ascii.EqualsIgnoreCase(name, "expires"u8)
                && (!p.HasValue || !Lex.TryParseNumber(p.Value(value), ScalarScanner.MaxDeltaSeconds, out _)))
            {
                return "expires parameter must be delta-seconds below 2**32";
            }

            if (Ascii.EqualsIgnoreCase(name, "q"u8) && (!p.HasValue || !IsQValue(p.Value(value))))
            {
                return "q parameter must be a qvalue from 0 to 1";
            }
        }

        return null;
    }

    // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    private static bool IsQValue(ReadOnlySpan<byte> v)
    {
        if (v.IsEmpty || v.Length > 5 || v[0] is not ((byte)'0' or (byte)'1'))
        {
            return false;
        }

        if (v.Length == 1)
        {
            return true;
        }

        if (v[1] != '.')
        {
            return false;
        }

        var fraction = v[2..];
        return v[0] == '0' ? fraction.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 : fraction.IndexOfAnyExcept((byte)'0') < 0;
    }

    private static string? CheckCallId(ReadOnlySpan<byte> value, int k, ref MessageIndex index)
    {
        if (!ScalarScanner.TryValidateCallId(value, out var error))
        {
            return error;
        }

        if (index.CallId < 0)
        {
            index.CallId = k;
        }

        return null;
    }

    private static string? CheckCSeq(ReadOnlySpan<byte> value, int k, ref MessageIndex index)
    {
        if (!ScalarScanner.TryParseCSeq(value, out var number, out var method, out var error))
        {
            return error;
        }

        if (index.CSeq < 0)
        {
            index.CSeq = k;
            index.CSeqNumber = number;
            index.CSeqMethod = SipMethod.FromUtf8(value[method]);
        }

        return null;
    }

    private static string? CheckMaxForwards(ReadOnlySpan<byte> value, ref MessageIndex index)
    {
        if (!ScalarScanner.TryParseNumber(value, 255, out var hops))
        {
            return "must be a number from 0 to 255";
        }

        index.MaxForwards = (int)hops;
        return null;
    }

    private static string? CheckSessionExpires(ReadOnlySpan<byte> value)
    {
        if (!ScalarScanner.TryParseDeltaWithParams(value, out _, out var paramsStart, out var error))
        {
            return error;
        }

        var i = paramsStart;
        while (ParamScanner.TryNext(value, ref i, out var p, out _))
        {
            if (Ascii.EqualsIgnoreCase(p.Name(value), "refresher"u8)
                && !(p.HasValue && (Ascii.EqualsIgnoreCase(p.Value(value), "uac"u8) || Ascii.EqualsIgnoreCase(p.Value(value), "uas"u8))))
            {
                return "refresher parameter must be uac or uas";
            }
        }

        return null;
    }

    private static bool HasEarlier(HeaderEntry[] entries, int k, KnownHeader id)
    {
        for (var j = 0; j < k; j++)
        {
            if (entries[j].Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static SipParseError Missing(KnownHeader header) =>
        new(SipParseErrorKind.MissingHeader, $"missing {KnownHeaders.GetName(header)} header", header);
}
