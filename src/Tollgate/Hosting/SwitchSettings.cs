using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Tollgate.Sip.Authentication;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;
using Tollgate.Switch;

namespace Tollgate.Hosting;

/// <summary>The switch role's settings: where SIP listens and how calls are watched.</summary>
/// <param name="Listen">Empty: SIP is off (the default, except with <c>--demo</c>).</param>
/// <param name="DemoDefault">True when <c>--demo</c> chose the address because <c>--sip</c> was not given.</param>
public sealed record SwitchSettings(
    IReadOnlyList<SipListenEndpoint> Listen,
    bool DemoDefault,
    TimeSpan KeepAliveInterval,
    int KeepAliveRetries,
    string? AdvertisedHost,
    string Realm,
    TimeSpan NoAnswerTimeout,
    uint MinSessionExpires,
    TimeSpan T1,
    string? NonceKeyFile,
    IReadOnlyList<DigestAlgorithm> DigestAlgorithms)
{
    public const string DemoAddress = "udp:127.0.0.1:5060,tcp:127.0.0.1:5060";

    public bool Enabled => Listen.Count > 0;

    /// <summary>Reads <c>Tollgate:Sip</c> and the <c>Tollgate:Switch</c> section; every problem goes to <paramref name="problems"/>.</summary>
    public static SwitchSettings From(IConfiguration tollgate, bool demo, List<string> problems)
    {
        var section = tollgate.GetSection("Switch");
        var text = tollgate["Sip"];
        var demoDefault = string.IsNullOrWhiteSpace(text) && demo;
        IReadOnlyList<SipListenEndpoint> listen = [];
        if (demoDefault)
        {
            listen = DemoEndpoints();
        }
        else if (!string.IsNullOrWhiteSpace(text) && !text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            if (SipListenEndpoint.TryParseList(text, out var endpoints, out var errors)) listen = endpoints;
            else problems.Add($"--sip: {string.Join("; ", errors)} (for example {DemoAddress})");
        }

        var advertised = section["AdvertisedHost"] is { Length: > 0 } host ? host : null;
        if (advertised is null && listen.Any(e => e.EndPoint.Address.Equals(IPAddress.Any) || e.EndPoint.Address.Equals(IPAddress.IPv6Any)))
            problems.Add("--sip: listening on a wildcard address needs Tollgate:Switch:AdvertisedHost, the address phones reach the switch at");

        return new SwitchSettings(
            listen,
            demoDefault,
            TimeSpan.FromSeconds(Number(tollgate["Switch:KeepAliveInterval"], "--keepalive-interval", 300, 1, 86_400, problems)),
            (int)Number(tollgate["Switch:KeepAliveRetries"], "--keepalive-retries", 1, 0, 10, problems),
            advertised,
            section["Realm"] is { Length: > 0 } realm ? realm : "tollgate",
            TimeSpan.FromSeconds(Number(section["NoAnswerSeconds"], "Tollgate:Switch:NoAnswerSeconds", 120, 5, 3_600, problems)),
            (uint)Number(section["MinSessionExpires"], "Tollgate:Switch:MinSessionExpires", 90, 90, 86_400, problems),
            TimeSpan.FromMilliseconds(Number(section["T1Milliseconds"], "Tollgate:Switch:T1Milliseconds", 500, 10, 5_000, problems)),
            section["NonceKeyFile"] is { Length: > 0 } key ? key : null,
            Algorithms(section["DigestAlgorithms"], problems));
    }

    /// <summary>The switch's options, with the nonce key from <see cref="NonceKeyFile"/> (created in the data folder when missing).</summary>
    public SwitchOptions ToOptions(string dataDirectory, Domain.Access.IRandomSource random) => new()
    {
        ListenEndpoints = Listen,
        AdvertisedHost = AdvertisedHost,
        Realm = Realm,
        NonceKey = LoadNonceKey(NonceKeyFile ?? Path.Combine(dataDirectory, "keys", "sip-nonce.key"), random),
        KeepAliveInterval = KeepAliveInterval,
        KeepAliveRetries = KeepAliveRetries,
        NoAnswerTimeout = NoAnswerTimeout,
        MinSessionExpires = MinSessionExpires,
        SessionExpires = Math.Max(MinSessionExpires, 1800),
        Timers = SipTimerSettings.Default with { T1 = T1 },
        DigestAlgorithms = DigestAlgorithms,
        UserAgent = $"Tollgate/{typeof(SwitchSettings).Assembly.GetName().Version?.ToString(3)}",
    };

    /// <summary>The 32-byte key that signs digest nonces: every switch process behind one address needs the same file.</summary>
    private static byte[] LoadNonceKey(string path, Domain.Access.IRandomSource random)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length >= 32) return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = new byte[32];
        random.Fill(key);
        File.WriteAllBytes(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    /// <summary>Reads <c>Tollgate:Switch:DigestAlgorithms</c>, e.g. <c>SHA-256,MD5</c> (the default), most preferred first.</summary>
    private static IReadOnlyList<DigestAlgorithm> Algorithms(string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var algorithms = names.Select(DigestAlgorithmNames.FromName).ToList();
        if (names.Length > 0 && algorithms.All(a => a is not null) && algorithms.Distinct().Count() == algorithms.Count)
            return algorithms.Select(a => a!.Value).ToList();
        problems.Add($"Tollgate:Switch:DigestAlgorithms: '{text}' is not a list of distinct digest algorithms (MD5, MD5-sess, SHA-256, SHA-256-sess), most preferred first");
        return [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];
    }

    private static double Number(string? text, string name, double fallback, double min, double max, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        problems.Add($"{name}: '{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return fallback;
    }

    /// <summary>The demo listens on 127.0.0.1:5060 for UDP and TCP; when that port is taken, on another port free for both.</summary>
    private static IReadOnlyList<SipListenEndpoint> DemoEndpoints()
    {
        foreach (var port in new[] { 5060, 0, 0, 0, 0 })
        {
            if (FreeForBoth(port) is { } free)
            {
                return [new SipListenEndpoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, free)),
                    new SipListenEndpoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, free))];
            }
        }

        return SipListenEndpoint.ParseList(DemoAddress);
    }

    private static int? FreeForBoth(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            var chosen = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, chosen));
            return chosen;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
