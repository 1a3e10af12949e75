using System.Text;
using N = Tollgate.Sip.Messages.SipHeaderNames;

namespace Tollgate.Sip.Messages;

/// <summary>Names, compact forms and shape of the headers in <see cref="KnownHeader"/>, and lookup from wire bytes.</summary>
public static class KnownHeaders
{
    [Flags]
    private enum Shape : byte
    {
        None = 0,
        List = 1,   // "#element": values may be comma-separated and the header repeated
        Single = 2, // may appear at most once (RFC 3261 §7.3.1: only list headers may repeat)
    }

    private readonly record struct Info(string Name, char Compact, Shape Shape);

    private static readonly Info[] Table = BuildTable();
    private static readonly KnownHeader[][] ByLength = BuildLengthIndex();
    private static readonly KnownHeader[] ByCompact = BuildCompactIndex();

    /// <summary>The canonical long name of a known header.</summary>
    public static string GetName(KnownHeader header) => Table[(int)header].Name;

    /// <summary>The compact form of a header, or '\0' when it has none.</summary>
    public static char GetCompactForm(KnownHeader header) => Table[(int)header].Compact;

    /// <summary>True when the header's grammar is a comma-separated list (Via, Contact, Route, Allow, ...).</summary>
    public static bool IsList(KnownHeader header) => (Table[(int)header].Shape & Shape.List) != 0;

    /// <summary>True when the header may appear at most once in a message (From, To, Call-ID, CSeq, ...).</summary>
    public static bool IsSingle(KnownHeader header) => (Table[(int)header].Shape & Shape.Single) != 0;

    /// <summary>Identifies a header name given as text, long or compact, in any letter case.</summary>
    public static KnownHeader Identify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return KnownHeader.Unknown;
        }

        var length = Encoding.ASCII.GetBytes(name, buffer);
        return Identify(buffer[..length]);
    }

    /// <summary>Identifies a header name given as wire bytes, long or compact, in any letter case.</summary>
    public static KnownHeader Identify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? ByCompact[c - 'a'] : KnownHeader.Unknown;
        }

        if (name.Length >= ByLength.Length)
        {
            return KnownHeader.Unknown;
        }

        foreach (var candidate in ByLength[name.Length])
        {
            if (Ascii.EqualsIgnoreCase(name, Table[(int)candidate].Name))
            {
                return candidate;
            }
        }

        return KnownHeader.Unknown;
    }

    private static Info[] BuildTable()
    {
        var t = new Info[(int)KnownHeader.WwwAuthenticate + 1];
        t[(int)KnownHeader.Unknown] = new("", '\0', Shape.None);
        t[(int)KnownHeader.Accept] = new(N.Accept, '\0', Shape.List);
        t[(int)KnownHeader.AcceptContact] = new(N.AcceptContact, 'a', Shape.List);
        t[(int)KnownHeader.AcceptEncoding] = new(N.AcceptEncoding, '\0', Shape.List);
        t[(int)KnownHeader.AcceptLanguage] = new(N.AcceptLanguage, '\0', Shape.List);
        t[(int)KnownHeader.AlertInfo] = new(N.AlertInfo, '\0', Shape.List);
        t[(int)KnownHeader.Allow] = new(N.Allow, '\0', Shape.List);
        t[(int)KnownHeader.AllowEvents] = new(N.AllowEvents, 'u', Shape.List);
        t[(int)KnownHeader.AuthenticationInfo] = new(N.AuthenticationInfo, '\0', Shape.None);
        t[(int)KnownHeader.Authorization] = new(N.Authorization, '\0', Shape.None);
        t[(int)KnownHeader.CallId] = new(N.CallId, 'i', Shape.Single);
        t[(int)KnownHeader.CallInfo] = new(N.CallInfo, '\0', Shape.List);
        t[(int)KnownHeader.Contact] = new(N.Contact, 'm', Shape.List);
        t[(int)KnownHeader.ContentDisposition] = new(N.ContentDisposition, '\0', Shape.Single);
        t[(int)KnownHeader.ContentEncoding] = new(N.ContentEncoding, 'e', Shape.List);
        t[(int)KnownHeader.ContentLanguage] = new(N.ContentLanguage, '\0', Shape.List);
        t[(int)KnownHeader.ContentLength] = new(N.ContentLength, 'l', Shape.Single);
        t[(int)KnownHeader.ContentType] = new(N.ContentType, 'c', Shape.Single);
        t[(int)KnownHeader.CSeq] = new(N.CSeq, '\0', Shape.Single);
        t[(int)KnownHeader.Date] = new(N.Date, '\0', Shape.Single);
        t[(int)KnownHeader.ErrorInfo] = new(N.ErrorInfo, '\0', Shape.List);
        t[(int)KnownHeader.Event] = new(N.Event, 'o', Shape.Single);
        t[(int)KnownHeader.Expires] = new(N.Expires, '\0', Shape.Single);
        t[(int)KnownHeader.From] = new(N.From, 'f', Shape.Single);
        t[(int)KnownHeader.Identity] = new(N.Identity, 'y', Shape.None);
        t[(int)KnownHeader.InReplyTo] = new(N.InReplyTo, '\0', Shape.List);
        t[(int)KnownHeader.MaxForwards] = new(N.MaxForwards, '\0', Shape.Single);
        t[(int)KnownHeader.MimeVersion] = new(N.MimeVersion, '\0', Shape.Single);
        t[(int)KnownHeader.MinExpires] = new(N.MinExpires, '\0', Shape.Single);
        t[(int)KnownHeader.MinSE] = new(N.MinSE, '\0', Shape.Single);
        t[(int)KnownHeader.Organization] = new(N.Organization, '\0', Shape.Single);
        t[(int)KnownHeader.PAssertedIdentity] = new(N.PAssertedIdentity, '\0', Shape.List);
        t[(int)KnownHeader.PPreferredIdentity] = new(N.PPreferredIdentity, '\0', Shape.List);
        t[(int)KnownHeader.Priority] = new(N.Priority, '\0', Shape.Single);
        t[(int)KnownHeader.Privacy] = new(N.Privacy, '\0', Shape.None);
        t[(int)KnownHeader.ProxyAuthenticate] = new(N.ProxyAuthenticate, '\0', Shape.None);
        t[(int)KnownHeader.ProxyAuthorization] = new(N.ProxyAuthorization, '\0', Shape.None);
        t[(int)KnownHeader.ProxyRequire] = new(N.ProxyRequire, '\0', Shape.List);
        t[(int)KnownHeader.RAck] = new(N.RAck, '\0', Shape.Single);
        t[(int)KnownHeader.Reason] = new(N.Reason, '\0', Shape.List);
        t[(int)KnownHeader.RecordRoute] = new(N.RecordRoute, '\0', Shape.List);
        t[(int)KnownHeader.ReferTo] = new(N.ReferTo, 'r', Shape.Single);
        t[(int)KnownHeader.ReferredBy] = new(N.ReferredBy, 'b', Shape.Single);
        t[(int)KnownHeader.RejectContact] = new(N.RejectContact, 'j', Shape.List);
        t[(int)KnownHeader.Replaces] = new(N.Replaces, '\0', Shape.Single);
        t[(int)KnownHeader.ReplyTo] = new(N.ReplyTo, '\0', Shape.Single);
        t[(int)KnownHeader.RequestDisposition] = new(N.RequestDisposition, 'd', Shape.List);
        t[(int)KnownHeader.Require] = new(N.Require, '\0', Shape.List);
        t[(int)KnownHeader.RetryAfter] = new(N.RetryAfter, '\0', Shape.Single);
        t[(int)KnownHeader.Route] = new(N.Route, '\0', Shape.List);
        t[(int)KnownHeader.RSeq] = new(N.RSeq, '\0', Shape.Single);
        t[(int)KnownHeader.Server] = new(N.Server, '\0', Shape.None);
        t[(int)KnownHeader.SessionExpires] = new(N.SessionExpires, 'x', Shape.Single);
        t[(int)KnownHeader.Subject] = new(N.Subject, 's', Shape.Single);
        t[(int)KnownHeader.SubscriptionState] = new(N.SubscriptionState, '\0', Shape.Single);
        t[(int)KnownHeader.Supported] = new(N.Supported, 'k', Shape.List);
        t[(int)KnownHeader.Timestamp] = new(N.Timestamp, '\0', Shape.Single);
        t[(int)KnownHeader.To] = new(N.To, 't', Shape.Single);
        t[(int)KnownHeader.Unsupported] = new(N.Unsupported, '\0', Shape.List);
        t[(int)KnownHeader.UserAgent] = new(N.UserAgent, '\0', Shape.None);
        t[(int)KnownHeader.Via] = new(N.Via, 'v', Shape.List);
        t[(int)KnownHeader.Warning] = new(N.Warning, '\0', Shape.List);
        t[(int)KnownHeader.WwwAuthenticate] = new(N.WwwAuthenticate, '\0', Shape.None);
        return t;
    }

    private static KnownHeader[][] BuildLengthIndex()
    {
        var max = Table.Max(i => i.Name.Length);
        var index = new KnownHeader[max + 1][];
        for (var len = 0; len <= max; len++)
        {
            index[len] = Enumerable.Range(1, Table.Length - 1)
                .Where(i => Table[i].Name.Length == len)
                .Select(i => (KnownHeader)i)
                .ToArray();
        }

        return index;
    }

    private static KnownHeader[] BuildCompactIndex()
    {
        var index = new KnownHeader[26];
        for (var i = 1; i < Table.Length; i++)
        {
            if (Table[i].Compact != '\0')
            {
                index[Table[i].Compact - 'a'] = (KnownHeader)i;
            }
        }

        return index;
    }
}
