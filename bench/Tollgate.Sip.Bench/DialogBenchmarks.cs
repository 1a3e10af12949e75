using BenchmarkDotNet.Attributes;
using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Bench;

/// <summary>The cost of the dialog state a call keeps, and of building its keep-alive request.</summary>
[MemoryDiagnoser]
public class DialogBenchmarks
{
    private SipRequest _invite = null!;
    private SipResponse _ok = null!;
    private SipDialog _dialog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = (SipRequest)SipMessageParser.Default.Parse(Samples.Invite).Message!;
        _ok = SipResponseBuilder.ForRequest(_invite, SipStatusCodes.Ok, toTag: "as5f6a7b8c")
            .AddHeader(KnownHeader.Contact, "<sip:0612345678@10.0.0.30:5060>").Build();
        _dialog = DialogFactory.ForUas(_invite, _ok);
    }

    /// <summary>Creating the UAS dialog from an INVITE and its 2xx (allocations include transient parsing).</summary>
    [Benchmark]
    public SipDialog CreateUasDialog() => DialogFactory.ForUas(_invite, _ok);

    /// <summary>Building an in-dialog UPDATE keep-alive (without the Via the stack adds).</summary>
    [Benchmark]
    public byte[] BuildKeepAliveUpdate() => _dialog.CreateRequest(SipMethod.Update).ToArray();
}
