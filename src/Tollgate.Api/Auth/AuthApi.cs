using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Auth;

/// <summary>Sign-in, refresh, sign-out and "who am I".</summary>
public static class AuthApi
{
    public sealed record LoginRequest : IValidatable
    {
        public required string Realm { get; init; }
        public required string Login { get; init; }
        public required string Password { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (!RealmExtensions.TryParse(Realm, out _)) errors.Add("realm", "must be one of: admin, reseller, customer, account");
            if (string.IsNullOrWhiteSpace(Login)) errors.Add("login", "must not be empty");
            if (Login.Length > 120) errors.Add("login", "must be at most 120 characters long");
            if (Password.Length == 0) errors.Add("password", "must not be empty");
            if (Password.Length > 1024) errors.Add("password", "must be at most 1024 characters long");
        }
    }

    public sealed record RefreshRequest
    {
        public required string RefreshToken { get; init; }
    }

    public sealed record MeResponse(string Realm, string Owner, long OwnerId, string Login, long? ResellerId, long? CustomerId, long? AccountId);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/login", Login).AllowAnonymousAccess().WithSummary("Sign in and get an access token and a refresh token");
        auth.MapPost("/refresh", Refresh).AllowAnonymousAccess().WithSummary("Trade a refresh token for new tokens (the old refresh token stops working)");
        auth.MapPost("/logout", Logout).AllowSignedIn().WithSummary("End this session; its access and refresh tokens stop working");
        auth.MapGet("/me", Me).AllowSignedIn().WithSummary("Who the access token stands for");
        return auth;
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Login(
        Body<LoginRequest> body, SignInService signIn, HttpContext http, CancellationToken ct)
    {
        RealmExtensions.TryParse(body.Value.Realm, out var realm);
        var (tokens, problem) = await signIn.SignInAsync(realm, body.Value.Login, body.Value.Password,
            http.Connection.RemoteIpAddress, ct);
        return tokens is not null ? TypedResults.Ok(tokens) : WithRetryAfter(problem!, http);
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Refresh(
        Body<RefreshRequest> body, SignInService signIn, CancellationToken ct)
    {
        var (tokens, problem) = await signIn.RefreshAsync(body.Value.RefreshToken, ct);
        return tokens is not null ? TypedResults.Ok(tokens) : problem!.ToResult();
    }

    private static async Task<NoContent> Logout(CallerAccessor callers, SignInService signIn, CancellationToken ct)
    {
        await signIn.SignOutAsync(callers.Required.SessionId, ct);
        return TypedResults.NoContent();
    }

    private static Ok<MeResponse> Me(CallerAccessor callers)
    {
        var c = callers.Required;
        return TypedResults.Ok(new MeResponse(c.Realm.WireName(), c.Owner.ToString().ToLowerInvariant(), c.OwnerId, c.Login,
            c.ResellerId, c.CustomerId, c.AccountId));
    }

    private static ProblemHttpResult WithRetryAfter(Problem problem, HttpContext http)
    {
        if (problem.Extensions?.TryGetValue("retryAfter", out var seconds) == true)
            http.Response.Headers.RetryAfter = seconds?.ToString();
        return problem.ToResult();
    }
}
