using Microsoft.Extensions.Time.Testing;
using Tollgate.Sip.Authentication;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Authentication;

public class DigestTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void ComputeResponse_Rfc2617Example_MatchesPublishedDigest()
    {
        // RFC 2617 §3.5.
        var ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");

        var response = DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "00000001", "0a4f113b", "auth", "GET", "/dir/index.html");

        response.ShouldBe("6629fae49393a05397450978507c4ef1");
    }

    [Theory]
    // RFC 7616 §3.9.1, the example RFC 8760 refers to for SIP.
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void ComputeResponse_Rfc7616Example_MatchesPublishedDigest(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = DigestHash.ComputeHa1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life");

        var response = DigestHash.ComputeResponse(algorithm, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html");

        response.ShouldBe(expected);
    }

    [Fact]
    public void ComputeResponse_WithoutQop_UsesRfc2069Form()
    {
        var ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "bob", "biloxi.com", "zanzibar");

        // H(HA1:nonce:H(REGISTER:sip:biloxi.com)), computed independently.
        var expected = Md5($"{ha1}:abc:{Md5("REGISTER:sip:biloxi.com")}");
        DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, "abc", null, null, null, "REGISTER", "sip:biloxi.com").ShouldBe(expected);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sha256Sess)]
    public void Authenticate_ClientAnswersServerChallenge_IsValid(DigestAlgorithm algorithm)
    {
        var (time, server) = Server(algorithm);
        var register = Register();
        var challenge = server.Challenge(register, "sip.example.net", toTag: "t").Build();

        var retry = SipRequestBuilder.From(register);
        DigestClient.TryAuthorize(retry, challenge, "1001", "s3cret", new SeededRandom()).ShouldBeTrue();
        var authorized = retry.Build();

        server.Authenticate(authorized, "sip.example.net", u => u == "1001" ? DigestSecret.FromPassword("s3cret") : null, out var user)
            .ShouldBe(DigestOutcome.Valid);
        user.ShouldBe("1001");
        authorized.GetHeaderValue(KnownHeader.Authorization)!.ShouldContain($"algorithm={algorithm.ToName()}");
    }

    [Fact]
    public void Authenticate_StoredHa1_IsValid()
    {
        var (_, server) = Server(DigestAlgorithm.Md5);
        var invite = Invite();
        var challenge = server.Challenge(invite, "sip.example.net", proxy: true).Build();
        var retry = SipRequestBuilder.From(invite);
        DigestClient.TryAuthorize(retry, challenge, "1001", "s3cret", new SeededRandom());
        var ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "1001", "sip.example.net", "s3cret");

        server.Authenticate(retry.Build(), "sip.example.net", _ => DigestSecret.FromHa1(ha1, DigestAlgorithm.Md5), out _, proxy: true)
            .ShouldBe(DigestOutcome.Valid);
        challenge.StatusCode.ShouldBe(407);
        retry.GetHeaderValue(KnownHeader.ProxyAuthorization).ShouldNotBeNull();
    }

    [Fact]
    public void Authenticate_WrongPassword_IsInvalid()
    {
        var (_, server) = Server(DigestAlgorithm.Sha256);
        var authorized = Authorize(server, Register(), "wrong");

        server.Authenticate(authorized, "sip.example.net", _ => DigestSecret.FromPassword("s3cret"), out _)
            .ShouldBe(DigestOutcome.Invalid);
    }

    [Fact]
    public void Authenticate_NonceOlderThanLifetime_IsStale()
    {
        var (time, server) = Server(DigestAlgorithm.Sha256);
        var authorized = Authorize(server, Register(), "s3cret");

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        server.Authenticate(authorized, "sip.example.net", _ => DigestSecret.FromPassword("s3cret"), out _)
            .ShouldBe(DigestOutcome.Stale);
        server.Challenge(authorized, "sip.example.net", stale: true).Build()
            .GetHeaderValues(KnownHeader.WwwAuthenticate).ShouldAllBe(v => v.Contains("stale=TRUE"));
    }

    [Fact]
    public void Authenticate_NonceFromAnotherKey_IsInvalid()
    {
        var (_, server) = Server(DigestAlgorithm.Md5);
        var other = new DigestAuthenticator(new byte[32], new FakeTimeProvider(), new SeededRandom());
        var authorized = Authorize(other, Register(), "s3cret");

        server.Authenticate(authorized, "sip.example.net", _ => DigestSecret.FromPassword("s3cret"), out _)
            .ShouldBe(DigestOutcome.Invalid);
    }

    [Fact]
    public void Authenticate_CredentialsForAnotherUri_AreInvalid()
    {
        var (_, server) = Server(DigestAlgorithm.Md5);
        var authorized = Authorize(server, Register(), "s3cret");
        var moved = SipRequestBuilder.From(authorized);
        moved.RequestUri = SipUri.Parse("sip:other.example.net");

        server.Authenticate(moved.Build(), "sip.example.net", _ => DigestSecret.FromPassword("s3cret"), out _)
            .ShouldBe(DigestOutcome.Invalid);
    }

    [Fact]
    public void Authenticate_NoCredentials_IsMissing()
    {
        var (_, server) = Server(DigestAlgorithm.Md5);

        server.Authenticate(Register(), "sip.example.net", _ => null, out _).ShouldBe(DigestOutcome.Missing);
    }

    [Fact]
    public void Challenge_OffersSha256BeforeMd5()
    {
        var server = new DigestAuthenticator(Key, new FakeTimeProvider(), new SeededRandom());

        var values = server.Challenge(Register(), "r").Build().GetHeaderValues(KnownHeader.WwwAuthenticate);

        values.Count.ShouldBe(2);
        values[0].ShouldContain("algorithm=SHA-256");
        values[1].ShouldContain("algorithm=MD5");
        values[0].ShouldContain("qop=\"auth\"");
    }

    [Fact]
    public void SelectChallenge_AsteriskMd5Challenge_IsAnswerable()
    {
        var challenge = DigestClient.SelectChallenge(Wire.Response(Parsing.RealWorldCorpus.AsteriskUnauthorized))!;

        challenge.Realm.ShouldBe("asterisk");
        challenge.Nonce.ShouldBe("6b2a9e1c");
        challenge.Algorithm.ShouldBe(DigestAlgorithm.Md5);
        challenge.Qop.ShouldBeEmpty();
        var credentials = DigestClient.Answer(challenge, "201", "pw", SipMethod.Register, "sip:pbx.example.com", new SeededRandom());
        credentials.Qop.ShouldBeNull();
        credentials.Response.ShouldBe(DigestHash.ComputeResponse(DigestAlgorithm.Md5,
            DigestHash.ComputeHa1(DigestAlgorithm.Md5, "201", "asterisk", "pw"), "6b2a9e1c", null, null, null, "REGISTER", "sip:pbx.example.com"));
    }

    [Fact]
    public void Credentials_RoundTripThroughText()
    {
        var c = DigestClient.Answer(new DigestChallenge { Realm = "r", Nonce = "n", Opaque = "o" }, "u", "p", SipMethod.Invite,
            "sip:x@y", new SeededRandom());

        DigestCredentials.TryParse(c.ToString(), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(c);
        parsed!.NonceCount.ShouldBe("00000001");
    }

    private static (FakeTimeProvider, DigestAuthenticator) Server(DigestAlgorithm algorithm)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 20, 10, 0, 0, TimeSpan.Zero));
        return (time, new DigestAuthenticator(Key, time, new SeededRandom(), algorithms: [algorithm]));
    }

    private static SipRequest Authorize(DigestAuthenticator server, SipRequest request, string password)
    {
        var challenge = server.Challenge(request, "sip.example.net").Build();
        var retry = SipRequestBuilder.From(request);
        DigestClient.TryAuthorize(retry, challenge, "1001", password, new SeededRandom());
        return retry.Build();
    }

    private static SipRequest Register() => Wire.Request("""
        REGISTER sip:sip.example.net SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.50:5062;branch=z9hG4bKr1;rport
        From: <sip:1001@sip.example.net>;tag=a
        To: <sip:1001@sip.example.net>
        Call-ID: reg-1
        CSeq: 1 REGISTER
        Contact: <sip:1001@192.168.1.50:5062>
        Content-Length: 0


        """);

    private static SipRequest Invite() => Wire.Request("""
        INVITE sip:0612345678@sip.example.net SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.50:5062;branch=z9hG4bKi1;rport
        From: <sip:1001@sip.example.net>;tag=a
        To: <sip:0612345678@sip.example.net>
        Call-ID: inv-1
        CSeq: 1 INVITE
        Content-Length: 0


        """);

    private static string Md5(string s) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
}
