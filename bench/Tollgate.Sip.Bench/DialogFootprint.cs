using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Bench;

/// <summary>Measures the memory a live dialog keeps after the messages that created it are gone.</summary>
internal static class DialogFootprint
{
    public static void Run(int calls)
    {
        var holder = new SipDialog[calls * 2];
        Create(holder, 0, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        Create(holder, 0, holder.Length);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perDialog = (after - before) / (double)holder.Length;
        Console.WriteLine($"Retained by {holder.Length:N0} dialogs ({calls:N0} calls of two legs): {(after - before) / 1024.0 / 1024.0:F1} MiB");
        Console.WriteLine($"Per dialog: {perDialog:F0} bytes; per call (two dialogs): {perDialog * 2:F0} bytes");
        GC.KeepAlive(holder);
    }

    // Every dialog gets its own Call-ID and tags, as real calls do, so no strings are shared between them.
    private static void Create(SipDialog[] into, int from, int to)
    {
        var template = System.Text.Encoding.UTF8.GetString(Samples.Invite);
        for (var i = from; i < to; i++)
        {
            var text = template.Replace("1893524713@192.168.1.50", $"{i:D10}-{Guid.NewGuid():N}@192.168.1.50", StringComparison.Ordinal)
                .Replace("tag=1426387916", $"tag={Guid.NewGuid():N}", StringComparison.Ordinal);
            var invite = (SipRequest)SipMessageParser.Default.Parse(System.Text.Encoding.UTF8.GetBytes(text)).Message!;
            var ok = SipResponseBuilder.ForRequest(invite, SipStatusCodes.Ok, toTag: Guid.NewGuid().ToString("N")[..13])
                .AddHeader(KnownHeader.Contact, "<sip:0612345678@10.0.0.30:5060>").Build();
            into[i] = DialogFactory.ForUas(invite, ok);
        }
    }
}
