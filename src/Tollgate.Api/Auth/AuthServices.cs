using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Auth;

/// <summary>Registers sign-in, token issuing and token validation.</summary>
public static class AuthServices
{
    /// <param name="signsTokens">
    /// Whether this process issues tokens (the api role): it then creates its signing key when missing. A process that
    /// only verifies tokens uses the api's key set from <see cref="AuthOptions.JwksUrl"/>, or else an existing key file.
    /// </param>
    public static IServiceCollection AddTollgateAuth(this IServiceCollection services, IConfiguration configuration, string dataDirectory,
        bool signsTokens = true)
    {
        services.Configure<AuthOptions>(configuration.GetSection("Tollgate:Auth"));
        services.AddSingleton(sp =>
        {
            var file = SigningKeyFile(sp.GetRequiredService<IOptions<AuthOptions>>().Value, dataDirectory);
            return signsTokens ? SigningKeys.LoadOrCreate(file) : SigningKeys.Load(file);
        });
        services.AddSingleton<IVerificationKeys>(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            if (signsTokens) return new LocalVerificationKeys(sp.GetRequiredService<SigningKeys>());
            if (!string.IsNullOrWhiteSpace(auth.JwksUrl))
            {
                return new JwksVerificationKeys(new Uri(auth.JwksUrl), sp.GetRequiredService<TimeProvider>(),
                    TimeSpan.FromSeconds(auth.JwksRefreshSeconds), TimeSpan.FromSeconds(auth.JwksMinRefreshSeconds),
                    sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<JwksVerificationKeys>>());
            }
            // A process that serves no API (the worker alone) may have neither; start-up checks refuse that for one that does.
            return File.Exists(SigningKeyFile(auth, dataDirectory))
                ? new LocalVerificationKeys(sp.GetRequiredService<SigningKeys>())
                : new NoVerificationKeys("This process has no key to verify access tokens (neither the api role nor --auth-jwks-url).");
        });
        services.AddSingleton(sp => new PasswordHasher(sp.GetRequiredService<IOptions<AuthOptions>>().Value.PasswordIterations));
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<SigningKeys>, sp.GetRequiredService<IOptions<AuthOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<AddressLimiter>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<ICredentialOwnerResolver, AdministratorOwner>();
        services.AddSingleton<ICredentialOwnerResolver, ResellerOwner>();
        services.AddSingleton<ICredentialOwnerResolver, CustomerOwner>();
        services.AddSingleton<ICredentialOwnerResolver, AccountOwner>();
        services.AddScoped<CallerAccessor>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IVerificationKeys, IOptions<AuthOptions>, TimeProvider>((o, keys, auth, clock) =>
            {
                o.MapInboundClaims = false;
                o.TimeProvider = clock;
                o.TokenValidationParameters = TokenValidation(auth.Value, clock, []);
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new CachingTokenHandler(clock, o.TokenValidationParameters.ClockSkew, keys));
                o.Events = Events();
            });
        return services;
    }

    /// <summary>The signing key file: <see cref="AuthOptions.SigningKeyFile"/>, by default DATA/keys/jwt-signing-key.pem.</summary>
    public static string SigningKeyFile(AuthOptions auth, string dataDirectory) =>
        auth.SigningKeyFile is { Length: > 0 } file ? file : Path.Combine(dataDirectory, "keys", "jwt-signing-key.pem");

    /// <summary>The rules every Tollgate API applies to an access token: issuer, audience, ES256 signature, lifetime on the injected clock.</summary>
    public static TokenValidationParameters TokenValidation(AuthOptions auth, TimeProvider clock, IEnumerable<SecurityKey> keys)
    {
        var skew = TimeSpan.FromSeconds(30);
        return new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = skew,
            NameClaimType = TokenClaims.Login,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (expires is null || expires.Value.ToUniversalTime() + skew <= now) throw new SecurityTokenExpiredException("The token has expired.");
                if (notBefore is not null && notBefore.Value.ToUniversalTime() - skew > now)
                    throw new SecurityTokenNotYetValidException("The token is not valid yet.");
                return true;
            },
        };
    }

    /// <summary>After the signature checks out: read the caller, and refuse tokens of revoked sessions.</summary>
    public static JwtBearerEvents Events() => new()
    {
        OnTokenValidated = async context =>
        {
            var caller = Caller.FromPrincipal(context.Principal!);
            if (caller is null)
            {
                context.Fail("The token does not carry the claims Tollgate needs.");
                return;
            }
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>();
            if (!await sessions.IsActiveAsync(caller.SessionId, context.HttpContext.RequestAborted))
            {
                context.Fail(new SecurityTokenRevokedException("The session of this token has ended (signed out or revoked)."));
                return;
            }
            context.HttpContext.RequestServices.GetRequiredService<CallerAccessor>().Caller = caller;
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            await WriteUnauthorizedAsync(context.HttpContext, context.AuthenticateFailure);
        },
    };

    /// <summary>Writes the 401 problem, saying why a token that was sent is not accepted (503 when its keys cannot be had).</summary>
    public static async Task WriteUnauthorizedAsync(HttpContext http, Exception? failure)
    {
        var problem = await UnauthorizedAsync(http, failure);
        http.Response.StatusCode = problem.Status;
        await problem.ToResult().ExecuteAsync(http);
    }

    /// <summary>The 401 problem for this request: sign-in required, or why the token that was sent is refused.</summary>
    /// <remarks>
    /// The authentication result is memoized per request, so asking again costs nothing. Sets <c>WWW-Authenticate</c>
    /// (RFC 6750) on a 401. When the keys to verify the token could not be had at all, the answer is 503 with
    /// <c>Retry-After</c> instead: the token is not at fault and the client should not discard it.
    /// </remarks>
    internal static async Task<Problem> UnauthorizedAsync(HttpContext http, Exception? failure)
    {
        failure ??= (await http.AuthenticateAsync()).Failure;
        if (failure is TokenKeysUnavailableException unavailable)
        {
            http.Response.Headers.RetryAfter = "10";
            return new Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable,
                "Access tokens cannot be verified right now.", unavailable.Message);
        }
        http.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        if (failure is null)
            return new Problem(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Sign-in required.",
                "Send a valid access token as 'Authorization: Bearer …'.");
        var reason = failure switch
        {
            SecurityTokenExpiredException => "The access token has expired; refresh it or sign in again.",
            SecurityTokenRevokedException => "The session of this access token has ended (signed out or revoked).",
            SecurityTokenInvalidAudienceException => "The access token is not meant for this API (wrong audience).",
            SecurityTokenInvalidIssuerException => "The access token was not issued by this installation.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                "The access token's signature does not verify.",
            SecurityTokenNotYetValidException => "The access token is not valid yet.",
            _ => "The access token is not valid.",
        };
        return new Problem(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidToken, "The access token was refused.", reason);
    }
}

/// <summary>Raised when a token's session was revoked.</summary>
public sealed class SecurityTokenRevokedException(string message) : SecurityTokenValidationException(message);
