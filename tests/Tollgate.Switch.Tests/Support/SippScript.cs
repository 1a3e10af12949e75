using System.Globalization;
using System.Security;
using System.Text;

namespace Tollgate.Switch.Tests.Support;

/// <summary>Writes a sipp scenario one SIP step at a time: a phone or a carrier's gateway, as the test needs it to behave.</summary>
/// <remarks>
/// <para>A script plays one party of one call. As caller it starts with <see cref="Invite"/>; as callee with
/// <see cref="ReceiveInvite"/>. Every later step is written in the order the party sees things, so sipp fails the call
/// (and the test) on any message the switch sends that the step does not expect: an UPDATE where a re-INVITE was
/// due, a BYE too early, a response with the wrong status.</para>
/// <para>Session descriptions carry <c>o=</c> with this party's name, session id and a version that changes only when
/// <see cref="SendReInvite"/> says so, so a test can tell a refresh from a change, and see that the switch re-offers an
/// SDP unchanged.</para>
/// </remarks>
public sealed class SippScript(string party, string sessionId = "4242")
{
    public const string AllowWithUpdate = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE";
    public const string AllowInviteOnly = "INVITE, ACK, BYE, CANCEL, OPTIONS";

    private const string InviteCaptures = "<!-- invite captures -->";
    private const string AckMayCrossBye = " ack-may-cross-bye";

    private readonly StringBuilder _xml = new();
    private int _cseq = 1;
    private int _labels;
    private bool _isCaller;
    private string _destination = "";
    private int _sdpVersion = 1;

    /// <summary>The name in From/Contact and SDP <c>o=</c>: the account id or number this party uses.</summary>
    public string Party { get; } = party;

    /// <summary>The <c>o=</c> line this party sends now (before any <see cref="SendReInvite"/> that changes it).</summary>
    public string Origin => OriginLine(_sdpVersion).Replace("[local_ip]", "127.0.0.1", StringComparison.Ordinal);

    // ----- The caller's side -----

    /// <summary>Sends the INVITE to <paramref name="destination"/>; with credentials, answers the switch's 407 challenge first.</summary>
    /// <param name="allow">The Allow header to send, or null to send none (the switch must then treat UPDATE as unknown).</param>
    public SippScript Invite(string destination, string? password = null, string? allow = AllowWithUpdate, string? userAgent = null)
    {
        _isCaller = true;
        _destination = destination;
        var extra = Headers(("Allow", allow), ("User-Agent", userAgent));
        Send(InviteMessage(extra), retransmit: true);
        if (password is null) return this;
        Recv("response=\"100\" optional=\"true\"");
        Recv("response=\"407\" auth=\"true\"");
        Send(AckForFailure());
        _cseq++;
        Send(InviteMessage(extra + $"[authentication username={Party} password={Xml(password)}]\n"), retransmit: true);
        return this;
    }

    /// <summary>Waits for the answer (provisional responses optional) and acknowledges it.</summary>
    public SippScript ExpectAnswer()
    {
        Recv("response=\"100\" optional=\"true\"");
        Recv("response=\"180\" optional=\"true\"");
        Recv("response=\"183\" optional=\"true\"");
        Recv("response=\"200\" rrs=\"true\"");
        Send($"""
            ACK [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:{Party}@[remote_ip]>;tag=[pid]{Party}[call_number]
            [last_To:]
            Call-ID: [call_id]
            CSeq: {_cseq} ACK
            Max-Forwards: 70
            Content-Length: 0

            """);
        _cseq++;
        return this;
    }

    /// <summary>Waits for a final failure <paramref name="status"/> and acknowledges it.</summary>
    public SippScript ExpectFailure(int status)
    {
        Recv("response=\"100\" optional=\"true\"");
        Recv("response=\"180\" optional=\"true\"");
        Recv($"response=\"{status}\"");
        Send(AckForFailure());
        return this;
    }

    /// <summary>Waits for 180, cancels the INVITE, and takes the 200 for the CANCEL and the 487 for the INVITE.</summary>
    public SippScript CancelWhenRinging()
    {
        Recv("response=\"100\" optional=\"true\"");
        Recv("response=\"180\"");
        Send($"""
            CANCEL sip:{_destination}@[remote_ip]:[remote_port] SIP/2.0
            [last_Via:]
            From: <sip:{Party}@[remote_ip]>;tag=[pid]{Party}[call_number]
            To: <sip:{_destination}@[remote_ip]>
            Call-ID: [call_id]
            CSeq: {_cseq} CANCEL
            Max-Forwards: 70
            Content-Length: 0

            """);
        Recv("response=\"200\"");
        Recv("response=\"487\"");
        Send(AckForFailure());
        return this;
    }

    /// <summary>Sends an UPDATE without SDP, as a session refresh, and expects <paramref name="status"/>.</summary>
    public SippScript SendUpdate(string? sessionExpires, int status)
    {
        Send(InDialog("UPDATE", Headers(("Session-Expires", sessionExpires), ("Supported", sessionExpires is null ? null : "timer")), null), retransmit: true);
        Recv($"response=\"{status}\"");
        return this;
    }

    /// <summary>Sends a re-INVITE with this party's SDP, at a new version when <paramref name="change"/> names an attribute to add.</summary>
    /// <remarks>Without a change the SDP is the one sent before, a refresh the switch answers itself.</remarks>
    public SippScript SendReInvite(string? change = null)
    {
        if (change is not null) _sdpVersion++;
        Send(InDialog("INVITE", "", Sdp(change)), retransmit: true);
        Recv("response=\"100\" optional=\"true\"");
        Recv("response=\"200\"");
        Send($"""
            ACK [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            {FromSelf()}
            {ToPeer()}
            Call-ID: [call_id]
            CSeq: {_cseq - 1} ACK
            Max-Forwards: 70
            Content-Length: 0

            """);
        return this;
    }

    // ----- The callee's side -----

    /// <summary>Waits for the switch's INVITE.</summary>
    public SippScript ReceiveInvite()
    {
        // The INVITE's CSeq and From tag are kept only when a later step needs them (sipp refuses variables used once).
        _xml.Append(CultureInfo.InvariantCulture, $"  <recv request=\"INVITE\" crlf=\"true\" rrs=\"true\">{InviteCaptures}</recv>\n");
        return this;
    }

    /// <summary>Sends 180 Ringing.</summary>
    public SippScript Ring()
    {
        Send(Response("180 Ringing", tag: true, contact: true));
        return this;
    }

    /// <summary>Answers the INVITE with 200 and this party's SDP, and waits for the ACK.</summary>
    public SippScript Answer(string? allow = AllowWithUpdate)
    {
        Send(Response("200 OK", tag: true, contact: true, extra: Headers(("Allow", allow)), body: Sdp(null)), retransmit: true);
        Recv("request=\"ACK\"");
        return this;
    }

    /// <summary>Answers the INVITE with a failure, and waits for the ACK.</summary>
    public SippScript Refuse(int status, string reason)
    {
        Send(Response($"{status} {reason}", tag: true, contact: false), retransmit: true);
        Recv("request=\"ACK\"");
        return this;
    }

    /// <summary>Takes the CANCEL of a ringing INVITE: 200 for it, 487 for the INVITE, then the ACK.</summary>
    public SippScript ReceiveCancel()
    {
        Recv("request=\"CANCEL\"");
        Send(Response("200 OK", tag: false, contact: false));
        Send("""
            SIP/2.0 487 Request Terminated
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]callee[call_number]
            [last_Call-ID:]
            CSeq: [$invitecseq] INVITE
            Content-Length: 0

            """, retransmit: true);
        Recv("request=\"ACK\"");
        return this;
    }

    // ----- Either side, once the call is up -----

    /// <summary>Expects an UPDATE (without SDP, as a keep-alive is) and answers it with <paramref name="status"/>, or not at all.</summary>
    /// <remarks>Left unanswered, the UPDATE's retransmissions are taken silently until the next step's message comes.</remarks>
    public SippScript ReceiveUpdate(int? status = 200)
    {
        Recv("request=\"UPDATE\"");
        if (status is { } code)
        {
            Send(Response(code switch { 200 => "200 OK", 405 => "405 Method Not Allowed", 501 => "501 Not Implemented", _ => $"{code} Other" },
                tag: false, contact: false, extra: code == 405 ? "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\n" : ""));
        }
        else
        {
            var absorb = Label();
            _xml.Append(CultureInfo.InvariantCulture, $"  <label id=\"{absorb}\"/>\n  <recv request=\"UPDATE\" optional=\"true\" next=\"{absorb}\"/>\n");
        }

        return this;
    }

    /// <summary>Expects a re-INVITE, answers it with this party's current SDP and waits for the ACK.</summary>
    public SippScript ReceiveReInvite()
    {
        Recv("request=\"INVITE\"");
        Send(Response("200 OK", tag: false, contact: true, body: Sdp(null)), retransmit: true);
        Recv("request=\"ACK\"" + AckMayCrossBye);
        return this;
    }

    /// <summary>Answers every keep-alive (UPDATE or re-INVITE) until the other side hangs up, then answers the BYE.</summary>
    public SippScript AnswerKeepAlivesUntilBye()
    {
        var (loop, update, invite, bye) = (Label(), Label(), Label(), Label());
        _xml.Append(CultureInfo.InvariantCulture, $"""
              <label id="{loop}"/>
              <recv request="UPDATE" optional="true" next="{update}"/>
              <recv request="INVITE" optional="true" next="{invite}"/>
              <recv request="BYE" next="{bye}"/>
              <label id="{update}"/>

            """);
        Send(Response("200 OK", tag: false, contact: false), next: loop);
        _xml.Append(CultureInfo.InvariantCulture, $"  <label id=\"{invite}\"/>\n");
        Send(Response("200 OK", tag: false, contact: true, body: Sdp(null)), retransmit: true);
        _xml.Append(CultureInfo.InvariantCulture, $"  <recv request=\"ACK\" next=\"{loop}\"/>\n  <label id=\"{bye}\"/>\n");
        Send(Response("200 OK", tag: false, contact: false));
        return this;
    }

    /// <summary>Goes silent: takes every keep-alive without a word, until the switch gives up and sends BYE, which it ignores too.</summary>
    public SippScript FallSilentUntilBye()
    {
        var (loop, bye) = (Label(), Label());
        _xml.Append(CultureInfo.InvariantCulture, $"""
              <label id="{loop}"/>
              <recv request="UPDATE" optional="true" next="{loop}"/>
              <recv request="INVITE" optional="true" next="{loop}"/>
              <recv request="BYE" next="{bye}"/>
              <label id="{bye}"/>

            """);
        return this;
    }

    /// <summary>Expects the switch's BYE and answers it.</summary>
    /// <remarks>
    /// When the step before was a re-INVITE this party answered, the switch's ACK for it may come after the BYE: the
    /// other party hung up while the re-INVITE was answered, and the two requests cross. Both orders are right.
    /// </remarks>
    public SippScript ReceiveBye()
    {
        var pendingAck = _xml.ToString().LastIndexOf(AckMayCrossBye, StringComparison.Ordinal);
        if (pendingAck >= 0 && _xml.ToString()[(pendingAck + AckMayCrossBye.Length)..].Trim() == "/>")
            _xml.Replace(AckMayCrossBye, " optional=\"true\"", pendingAck, AckMayCrossBye.Length);
        Recv("request=\"BYE\"");
        Send(Response("200 OK", tag: false, contact: false));
        return this;
    }

    /// <summary>Hangs up: BYE, and waits for its 200.</summary>
    public SippScript Hangup()
    {
        Send(InDialog("BYE", "", null), retransmit: true);
        Recv("response=\"200\"");
        return this;
    }

    /// <summary>A REGISTER with digest credentials binding <paramref name="contactPort"/> (where the callee's sipp listens) to the account.</summary>
    /// <param name="expires">Seconds the binding should last; 0 removes it.</param>
    /// <param name="expectedStatus">The final answer to the authenticated REGISTER (403 for a wrong password).</param>
    public static string Register(string accountId, string password, int contactPort, string transport = "udp", int expires = 3600,
        string? userAgent = null, int expectedStatus = 200)
    {
        var contact = string.Create(CultureInfo.InvariantCulture, $"<sip:{accountId}@127.0.0.1:{contactPort};transport={transport}>");
        string Message(int cseq, string auth) => $"""
            REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:{accountId}@[remote_ip]>;tag=[pid]reg[call_number]
            To: <sip:{accountId}@[remote_ip]>
            Call-ID: [call_id]
            CSeq: {cseq} REGISTER
            Contact: {contact}
            Expires: {expires}
            Max-Forwards: 70
            {Headers(("User-Agent", userAgent))}{auth}Content-Length: 0
            """;
        var script = new SippScript(accountId);
        script.Send(Message(1, ""), retransmit: true);
        script.Recv("response=\"401\" auth=\"true\"");
        script.Send(Message(2, $"[authentication username={accountId} password={Xml(password)}]\n"), retransmit: true);
        script.Recv($"response=\"{expectedStatus}\"");
        return script.ToXml();
    }

    /// <summary>The scenario as sipp reads it.</summary>
    public string ToXml()
    {
        var steps = _xml.ToString();
        var captures = new StringBuilder();
        if (steps.Contains("[$invitecseq]", StringComparison.Ordinal))
            captures.Append("<ereg regexp=\"[0-9]+\" search_in=\"hdr\" header=\"CSeq:\" check_it=\"true\" assign_to=\"invitecseq\"/>");
        if (steps.Contains("[$peertag]", StringComparison.Ordinal))
            captures.Append("<ereg regexp=\"tag=[^;>]*\" search_in=\"hdr\" header=\"From:\" check_it=\"true\" assign_to=\"peertag\"/>");
        steps = steps.Replace(InviteCaptures, captures.Length == 0 ? "" : $"<action>{captures}</action>", StringComparison.Ordinal)
            .Replace(AckMayCrossBye, "", StringComparison.Ordinal);
        return $"""
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="{Xml(Party)}">
            {steps}</scenario>

            """;
    }

    // ----- Messages -----

    private string InviteMessage(string extra) => $"""
        INVITE sip:{_destination}@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: <sip:{Party}@[remote_ip]>;tag=[pid]{Party}[call_number]
        To: <sip:{_destination}@[remote_ip]>
        Call-ID: [call_id]
        CSeq: {_cseq} INVITE
        Contact: <sip:{Party}@[local_ip]:[local_port];transport=[transport]>
        Max-Forwards: 70
        {extra}Content-Type: application/sdp
        Content-Length: [len]

        {Sdp(null)}
        """;

    private string AckForFailure() => $"""
        ACK sip:{_destination}@[remote_ip]:[remote_port] SIP/2.0
        [last_Via:]
        [last_From:]
        [last_To:]
        [last_Call-ID:]
        CSeq: {_cseq} ACK
        Max-Forwards: 70
        Content-Length: 0

        """;

    /// <summary>A request inside the dialog: to the other side's Contact, with this side's tag and the next CSeq.</summary>
    private string InDialog(string method, string extra, string? body)
    {
        var message = $"""
            {method} [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            {FromSelf()}
            {ToPeer()}
            Call-ID: [call_id]
            CSeq: {_cseq} {method}
            Contact: <sip:{Party}@[local_ip]:[local_port];transport=[transport]>
            Max-Forwards: 70
            {extra}{(body is null ? "Content-Length: 0\n" : $"Content-Type: application/sdp\nContent-Length: [len]\n\n{body}")}
            """;
        _cseq++;
        return message;
    }

    private string FromSelf() => _isCaller
        ? $"From: <sip:{Party}@[remote_ip]>;tag=[pid]{Party}[call_number]"
        : $"From: <sip:{Party}@[local_ip]>;tag=[pid]callee[call_number]";

    /// <summary>The other side of the dialog: the tag from the 200 (caller), or from the INVITE's From (callee: sipp keeps no peer tag there).</summary>
    private string ToPeer() => _isCaller ? "To: <sip:peer@127.0.0.1>[peer_tag_param]" : "To: <sip:peer@127.0.0.1>;[$peertag]";

    private string Response(string statusLine, bool tag, bool contact, string extra = "", string? body = null) => $"""
        SIP/2.0 {statusLine}
        [last_Via:]
        [last_From:]
        [last_To:]{(tag ? ";tag=[pid]callee[call_number]" : "")}
        [last_Call-ID:]
        [last_CSeq:]
        {(contact ? $"Contact: <sip:{Party}@[local_ip]:[local_port];transport=[transport]>\n" : "")}{extra}{(body is null ? "Content-Length: 0\n" : $"Content-Type: application/sdp\nContent-Length: [len]\n\n{body}")}
        """;

    private string Sdp(string? attribute) => $"""
        v=0
        {OriginLine(_sdpVersion)}
        s=-
        c=IN IP4 [local_ip]
        t=0 0
        m=audio [media_port] RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        {(attribute is null ? "" : $"a={attribute}\n")}
        """;

    private string OriginLine(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"o={Party} {sessionId} {version} IN IP4 [local_ip]");

    private static string Headers(params (string Name, string? Value)[] headers) =>
        string.Concat(headers.Where(h => h.Value is not null).Select(h => $"{h.Name}: {h.Value}\n"));

    private void Send(string message, bool retransmit = false, string? next = null)
    {
        var attributes = (retransmit ? " retrans=\"500\"" : "") + (next is null ? "" : $" next=\"{next}\"");
        _xml.Append(CultureInfo.InvariantCulture, $"  <send{attributes}>\n    <![CDATA[\n{message.TrimEnd('\n')}\n\n    ]]>\n  </send>\n");
    }

    private void Recv(string attributes) => _xml.Append(CultureInfo.InvariantCulture, $"  <recv {attributes}/>\n");

    private string Label() => string.Create(CultureInfo.InvariantCulture, $"l{++_labels}");

    private static string Xml(string text) => SecurityElement.Escape(text);
}
