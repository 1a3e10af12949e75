using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tollgate.Api.Features.Credentials;

/// <summary>A minimal page at <c>/set-password</c>, so the link of a credentials e-mail works even without a portal of the provider's own.</summary>
/// <remarks>
/// The page only collects the password and posts it with the token to <c>POST /api/v1/auth/set-password</c>; it keeps
/// no state. It asks browsers not to cache it or send the address (which holds the token) as a referrer.
/// </remarks>
public static class SetPasswordPage
{
    public static IEndpointRouteBuilder MapSetPasswordPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/set-password", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers["X-Frame-Options"] = "DENY";
            return TypedResults.Content(Html, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Set your password</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; }
          label, input, button { display: block; width: 100%; margin: .5rem 0; }
          input { padding: .5rem; box-sizing: border-box; }
          button { padding: .6rem; }
          #result { margin-top: 1rem; }
        </style>
        </head>
        <body>
        <h1>Set your password</h1>
        <form id="form">
          <label for="password">New password (at least 10 characters, not your login)</label>
          <input id="password" type="password" autocomplete="new-password" required minlength="10">
          <label for="again">The same password again</label>
          <input id="again" type="password" autocomplete="new-password" required minlength="10">
          <button type="submit">Set password</button>
        </form>
        <p id="result" role="status"></p>
        <script>
          const token = new URLSearchParams(location.search).get("token") || "";
          const result = document.getElementById("result");
          document.getElementById("form").addEventListener("submit", async event => {
            event.preventDefault();
            const password = document.getElementById("password").value;
            if (password !== document.getElementById("again").value) { result.textContent = "The two passwords differ."; return; }
            const response = await fetch("/api/v1/auth/set-password", {
              method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token, password })
            });
            const body = await response.json();
            result.textContent = response.ok
              ? `Your password is set. Sign in to the ${body.realm} realm as '${body.login}'.`
              : (body.detail || body.title);
          });
        </script>
        </body>
        </html>
        """;
}
