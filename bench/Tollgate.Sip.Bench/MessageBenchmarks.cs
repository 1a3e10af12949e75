using BenchmarkDotNet.Attributes;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Bench;

/// <summary>Parsing and writing the messages every call carries.</summary>
[MemoryDiagnoser]
public class MessageBenchmarks
{
    private readonly SipMessageParser _parser = SipMessageParser.Default;
    private SipRequest _invite = null!;

    [GlobalSetup]
    public void Setup() => _invite = (SipRequest)_parser.Parse(Samples.Invite).Message!;

    /// <summary>Validating parse of a 780-byte INVITE with SDP: one copy of the bytes and the header index.</summary>
    [Benchmark]
    public SipMessage? ParseInvite() => _parser.Parse(Samples.Invite).Message;

    /// <summary>Parse of a 200 OK with Record-Route and SDP.</summary>
    [Benchmark]
    public SipMessage? ParseOk() => _parser.Parse(Samples.Ok).Message;

    /// <summary>Parse plus the fields the stack reads for every request: Call-ID, tags, branch, CSeq.</summary>
    [Benchmark]
    public int ParseInviteAndReadKeys()
    {
        var m = _parser.Parse(Samples.Invite).Message!;
        return m.CallId.Length + m.FromTag!.Length + (m.ToTag?.Length ?? 0) + m.Branch.Length + (int)m.CSeq.Number;
    }

    /// <summary>Writing a 200 OK for the INVITE (RFC 3261 §8.2.6 copy of Via, From, To, Call-ID, CSeq) to bytes.</summary>
    [Benchmark]
    public byte[] WriteResponse() =>
        SipResponseBuilder.ForRequest(_invite, SipStatusCodes.Ok, toTag: "as5f6a7b8c")
            .AddHeader(KnownHeader.Contact, "<sip:0612345678@10.0.0.30:5060>")
            .ToArray();

    /// <summary>The same response written and re-indexed as a message, as the stack sends it.</summary>
    [Benchmark]
    public SipResponse BuildResponse() =>
        SipResponseBuilder.ForRequest(_invite, SipStatusCodes.Ok, toTag: "as5f6a7b8c")
            .AddHeader(KnownHeader.Contact, "<sip:0612345678@10.0.0.30:5060>")
            .Build();
}
