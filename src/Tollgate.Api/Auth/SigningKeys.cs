using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Api.Auth;

/// <summary>The ES256 key that signs access tokens, and its public half as a JSON Web Key Set.</summary>
/// <remarks>
/// The key is created on first start and kept as a PKCS#8 PEM file readable only by its owner, so restarts keep
/// issued tokens valid. Other processes (a separately started switch) verify tokens with the public key published at
/// <c>/.well-known/jwks.json</c>; the key id is the RFC 7638 thumbprint, so it changes exactly when the key does.
/// </remarks>
public sealed class SigningKeys : IDisposable
{
    private readonly ECDsa _key;

    private SigningKeys(ECDsa key)
    {
        _key = key;
        var parameters = key.ExportParameters(includePrivateParameters: false);
        X = Base64UrlEncoder.Encode(parameters.Q.X!);
        Y = Base64UrlEncoder.Encode(parameters.Q.Y!);
        KeyId = Thumbprint(X, Y);
        // A factory of its own: the shared default caches signature providers by key id, which would hand a later
        // instance with the same key (a restart in the same process) a provider holding this, disposed, key.
        SecurityKey = new ECDsaSecurityKey(key) { KeyId = KeyId, CryptoProviderFactory = new CryptoProviderFactory() };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.EcdsaSha256);
    }

    public string KeyId { get; }
    public ECDsaSecurityKey SecurityKey { get; }
    public SigningCredentials Credentials { get; }
    private string X { get; }
    private string Y { get; }

    /// <summary>Reads an existing key file; for a process that verifies tokens but must never mint a key of its own.</summary>
    public static SigningKeys Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"the token signing key file {path} does not exist; a process without the api role verifies tokens with the api's key set (--auth-jwks-url)");
        return LoadOrCreate(path);
    }

    public static SigningKeys LoadOrCreate(string path)
    {
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw new InvalidOperationException($"the signing key file {path} does not hold a PEM EC private key: {e.Message}", e);
            }
            if (key.KeySize != 256)
            {
                key.Dispose();
                throw new InvalidOperationException($"the signing key in {path} must be a P-256 key for ES256");
            }
            return new SigningKeys(key);
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file, Encoding.ASCII))
            writer.Write(pem);
        return new SigningKeys(key);
    }

    /// <summary>The public key set, as served at <c>/.well-known/jwks.json</c>.</summary>
    public object Jwks() => new
    {
        keys = new[]
        {
            new { kty = "EC", crv = "P-256", x = X, y = Y, use = "sig", alg = "ES256", kid = KeyId },
        },
    };

    public void Dispose() => _key.Dispose();

    private static string Thumbprint(string x, string y)
    {
        // RFC 7638: the required members in lexicographic order, no whitespace.
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
