using System.Diagnostics;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Parsing;

/// <summary>Mutates the corpus thousands of times with a fixed seed; the parser must answer every input, never throw.</summary>
public class ParserMutationTests
{
    private const int Iterations = 30_000;
    private static readonly byte[] Interesting = "\r\n \t:;,\"<>\\[]%@=?/0z9hG4bK*"u8.ToArray();

    [Fact(Timeout = 120_000)]
    public async Task Parse_MutatedCorpus_AlwaysReturnsMessageOrError()
    {
        await Task.Yield();
        var corpus = Corpus();
        var random = new Random(4475);
        int parsed = 0, rejected = 0;
        var slowest = TimeSpan.Zero;
        for (var n = 0; n < Iterations; n++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            var started = Stopwatch.GetTimestamp();
            var result = SipMessageParser.Default.Parse(input);
            var elapsed = Stopwatch.GetElapsedTime(started);
            slowest = elapsed > slowest ? elapsed : slowest;
            if (result.IsSuccess)
            {
                parsed++;
                try
                {
                    ReadEverything(result.Message);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"Iteration {n} accepted but could not read: {Escape(input)}", e);
                }
            }
            else
            {
                rejected++;
                result.Error.ShouldNotBeNull();
                result.Error.Description.ShouldNotBeNullOrWhiteSpace();
            }

            SipStreamFramer.TryFrame(input, 65536, out var length, out _);
            length.ShouldBeInRange(0, input.Length);
        }

        // Both outcomes must actually be exercised, or the mutations are too weak or too strong to mean anything.
        parsed.ShouldBeGreaterThan(Iterations / 20);
        rejected.ShouldBeGreaterThan(Iterations / 20);
        slowest.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    private static void ReadEverything(SipMessage m)
    {
        // Every typed accessor must work on anything the parser accepted.
        _ = (m.CallId, m.CSeq, m.FromTag, m.ToTag, m.Branch, m.From.Uri, m.To.Uri, m.Vias.Count, m.TopVia.SentBy);
        _ = (m.Contacts.Count, m.Routes.Count, m.RecordRoutes.Count, m.IsWildcardContact, m.MaxForwards, m.Expires);
        _ = (m.ContentType, m.Allow, m.Supported.Count, m.Require.Count, m.SessionExpires, m.MinSE, m.Body.Length);
        foreach (var h in m.Headers)
        {
            _ = (h.Name, h.Value, h.CanonicalName);
        }

        foreach (var c in m.Contacts.Concat(m.Routes).Concat(m.RecordRoutes))
        {
            _ = (c.Uri.ToString(), c.DisplayName, c.Tag, c.Expires, c.Q, c.ToString());
        }

        switch (m)
        {
            case SipRequest r:
                _ = (r.RequestUri.Host, r.RequestUri.ToString());
                SipRequestBuilder.From(r).Build().CallId.ShouldBe(r.CallId);
                if (r.Method != SipMethod.Ack)
                {
                    SipResponseBuilder.ForRequest(r, 400, null, "t").Build().CSeq.ShouldBe(r.CSeq);
                }

                break;
            case SipResponse s:
                _ = s.ReasonPhrase;
                SipResponseBuilder.From(s).Build().StatusCode.ShouldBe(s.StatusCode);
                break;
        }
    }

    private static string Escape(byte[] input) =>
        string.Concat(input.Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:X2}"));

    private static List<byte[]> Corpus()
    {
        var texts = RealWorldCorpus.All.Concat(TortureCorpus.Valid)
            .Concat(MalformedCorpus.Cases.Select(c => (string)c[1]));
        return texts.Select(Wire.Bytes).ToList();
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var mutations = random.Next(1, 4);
        for (var k = 0; k < mutations && bytes.Count > 0; k++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0: // flip to an arbitrary byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1 or 2: // flip to a byte the grammar cares about
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 3: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4 or 5: // insert a few bytes
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    }

                    break;
                default: // duplicate a slice (a header line, a parameter...)
                    var length = Math.Min(random.Next(1, 60), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }
}
