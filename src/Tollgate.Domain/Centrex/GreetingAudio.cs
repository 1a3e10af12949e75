using System.Buffers.Binary;

namespace Tollgate.Domain.Centrex;

/// <summary>The audio formats an auto attendant greeting may have.</summary>
public enum AudioFormat
{
    Wav,
    Mp3,
}

/// <summary>What an accepted greeting file is: its format and, for WAV, how it is encoded and how long it plays.</summary>
public sealed record AudioInfo(AudioFormat Format, string ContentType, string? Encoding, int? SampleRate, int? Channels, double? DurationSeconds);

/// <summary>Decides whether an uploaded greeting is audio the switch can play, from its bytes rather than its name or declared type.</summary>
/// <remarks>
/// <para>
/// Two formats are accepted: WAV (RIFF/WAVE with 16-bit linear PCM, G.711 A-law or μ-law; mono or stereo; 8 to 48 kHz)
/// and MP3 (an ID3v2 tag or an MPEG audio frame header first). The declared content type must name the format the
/// bytes have: a WAV sent as <c>audio/mpeg</c> is refused, so what is downloaded later is labelled truly.
/// </para>
/// <para>WAV files also say how long they play, from the data chunk's size and the byte rate; for MP3 that would need decoding and is left out.</para>
/// </remarks>
public static class GreetingAudio
{
    private static readonly Dictionary<string, AudioFormat> Declared = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/wav"] = AudioFormat.Wav, ["audio/x-wav"] = AudioFormat.Wav, ["audio/wave"] = AudioFormat.Wav, ["audio/vnd.wave"] = AudioFormat.Wav,
        ["audio/mpeg"] = AudioFormat.Mp3, ["audio/mp3"] = AudioFormat.Mp3,
    };

    /// <summary>The accepted content types, for messages.</summary>
    public static string Accepted => "audio/wav (or audio/x-wav, audio/wave) and audio/mpeg";

    /// <summary>The format a declared content type names, or null when it names none accepted.</summary>
    public static AudioFormat? FormatOf(string? contentType) =>
        contentType is not null && Declared.TryGetValue(contentType.Split(';')[0].Trim(), out var f) ? f : null;

    /// <summary>The audio's description, or why it is refused.</summary>
    public static (AudioInfo? Info, string? Why) Inspect(ReadOnlySpan<byte> bytes, AudioFormat declared)
    {
        if (bytes.Length == 0) return (null, "the file is empty");
        var actual = IsWav(bytes) ? AudioFormat.Wav : IsMp3(bytes) ? AudioFormat.Mp3 : (AudioFormat?)null;
        if (actual is null) return (null, "the content is neither WAV (RIFF…WAVE) nor MP3 audio");
        if (actual != declared)
            return (null, $"the content type says {declared.ToString().ToUpperInvariant()} but the content is {actual.Value.ToString().ToUpperInvariant()}");
        return actual == AudioFormat.Mp3 ? (new AudioInfo(AudioFormat.Mp3, "audio/mpeg", null, null, null, null), null) : InspectWav(bytes);
    }

    private static bool IsWav(ReadOnlySpan<byte> b) => b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WAVE"u8);

    private static bool IsMp3(ReadOnlySpan<byte> b) =>
        (b.Length >= 10 && b[..3].SequenceEqual("ID3"u8)) || (b.Length >= 4 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) != 0);

    private static (AudioInfo?, string?) InspectWav(ReadOnlySpan<byte> b)
    {
        int? format = null, channels = null, rate = null, byteRate = null, bits = null;
        long? data = null;
        var at = 12;
        while (at + 8 <= b.Length)
        {
            var id = b.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(at + 4, 4));
            var body = at + 8;
            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= b.Length)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body + 2, 2));
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(body + 4, 4));
                byteRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(body + 8, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(body + 14, 2));
            }
            else if (id.SequenceEqual("data"u8))
            {
                data = Math.Min(size, b.Length - body);
                break;
            }
            at = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        if (format is null) return (null, "the WAV file has no format (fmt) chunk");
        if (data is null or 0) return (null, "the WAV file has no audio (its data chunk is missing or empty)");
        var encoding = (format, bits) switch
        {
            (1, 16) => "pcm16",
            (6, 8) => "alaw",
            (7, 8) => "ulaw",
            _ => null,
        };
        if (encoding is null) return (null, $"the WAV encoding (format {format}, {bits} bits) is not 16-bit PCM, A-law or μ-law");
        if (channels is not (1 or 2)) return (null, $"the WAV file has {channels} channels; mono or stereo is needed");
        if (rate is < 8000 or > 48000) return (null, $"the WAV sample rate {rate} Hz is outside 8000–48000 Hz");
        var duration = byteRate > 0 ? Math.Round((double)data.Value / byteRate.Value, 2) : (double?)null;
        return (new AudioInfo(AudioFormat.Wav, "audio/wav", encoding, rate, channels, duration), null);
    }
}
