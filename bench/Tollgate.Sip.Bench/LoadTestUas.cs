using System.Net;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Bench;

/// <summary>A minimal UAS on the stack that answers every call, for load tests with sipp's uac scenario.</summary>
internal static class LoadTestUas
{
    private static readonly byte[] Answer =
        "v=0\r\no=tollgate 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7078 RTP/AVP 0\r\n"u8.ToArray();

    public static async Task RunAsync(int port)
    {
        await using var stack = new SipStack(new SipStackOptions
        {
            ListenEndpoints = [new SipListenEndpoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, port))],
        });
        long calls = 0;
        stack.RequestReceived += request =>
        {
            switch (request.Request.Method.Name)
            {
                case "INVITE":
                    request.Respond(request.CreateResponse(SipStatusCodes.Ok).SetBody(Answer, "application/sdp"));
                    Interlocked.Increment(ref calls);
                    break;
                case "BYE":
                    request.Respond(SipStatusCodes.Ok);
                    break;
            }
        };
        stack.Start();
        Console.WriteLine($"UAS on udp:127.0.0.1:{port}; Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Console.WriteLine($"calls {Interlocked.Read(ref calls)}, dialogs {stack.DialogCount}, " +
                $"transactions {stack.Transactions.ClientTransactionCount + stack.Transactions.ServerTransactionCount}, " +
                $"managed heap {GC.GetTotalMemory(false) / 1024 / 1024} MiB");
        }
    }
}
