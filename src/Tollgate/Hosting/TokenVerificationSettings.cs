using Microsoft.Extensions.Configuration;
using Tollgate.Api.Auth;

namespace Tollgate.Hosting;

/// <summary>Checks how a process will verify access tokens: with its own key (api role) or the api's key set (<c>--auth-jwks-url</c>).</summary>
/// <remarks>
/// A process that serves an HTTP API without the api role (for example <c>--role features</c> on another machine)
/// has no key of its own: it needs the api's <c>/.well-known/jwks.json</c>, or the api's key file on a shared disk. A
/// process that runs the api role signs tokens, so a key set URL there would be a mistake and is refused.
/// </remarks>
public static class TokenVerificationSettings
{
    public static IEnumerable<string> Check(IConfiguration configuration, IReadOnlySet<string> roles, string dataDirectory)
    {
        var auth = configuration.GetSection("Tollgate:Auth");
        var url = auth[nameof(AuthOptions.JwksUrl)] is { Length: > 0 } u ? u.Trim() : null;
        if (url is not null)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                yield return $"--auth-jwks-url: '{url}' is not an http:// or https:// address such as http://127.0.0.1:5080/.well-known/jwks.json";
            else if (roles.Contains(RoleCatalog.Api))
                yield return "--auth-jwks-url: this process runs the api role, which signs access tokens with its own key; " +
                             "leave --auth-jwks-url out, or run the other roles without api (for example --role features)";
        }
        else if (!roles.Contains(RoleCatalog.Api) && roles.Any(RoleCatalog.VerifyingTokens.Contains))
        {
            var file = AuthServices.SigningKeyFile(new AuthOptions { SigningKeyFile = auth[nameof(AuthOptions.SigningKeyFile)] }, dataDirectory);
            if (!File.Exists(file))
                yield return $"--auth-jwks-url: the {string.Join(", ", roles.Where(RoleCatalog.VerifyingTokens.Contains))} role without the api role " +
                             "verifies access tokens with the api's public keys; give the api's key set, for example " +
                             $"--auth-jwks-url http://127.0.0.1:5080/.well-known/jwks.json (or Tollgate:Auth:SigningKeyFile, the api's key file; {file} does not exist)";
        }

        foreach (var (key, fallback, min, max) in new[]
                 {
                     (nameof(AuthOptions.JwksRefreshSeconds), 3600, 60, 86_400),
                     (nameof(AuthOptions.JwksMinRefreshSeconds), 10, 1, 3600),
                 })
        {
            if (auth[key] is { Length: > 0 } text && (!int.TryParse(text, out var value) || value < min || value > max))
                yield return $"Tollgate:Auth:{key}: '{text}' is not a whole number of seconds from {min} to {max} (default {fallback})";
        }
    }
}
