using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tollgate.Api.Access;
using Tollgate.Api.Auth;
using Tollgate.Domain.Access;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary><c>GET /api/v1/calls/events</c>: the calls' changes of state as Server-Sent Events, filtered to the caller's scope.</summary>
/// <remarks>
/// <para>Each event is one <c>data:</c> line of JSON (<see cref="CallEventResponse"/>) under an <c>id:</c> of the form
/// <c>EPOCH-N</c>. A client that reconnects with <c>Last-Event-ID</c> first gets what it missed of the switch's last
/// <see cref="CallEventHub.Retained"/> events; when that is not everything (too long away, or the switch restarted)
/// the stream starts with <c>event: resync</c>, after which the client should read <c>GET /api/v1/calls</c> again.</para>
/// <para>A comment line every <see cref="HeartbeatSeconds"/> seconds keeps proxies from closing an idle stream. The
/// stream ends when the access token expires, when its session is revoked (sign-out, an individual expired or
/// deleted), or when the caller's role loses the <c>callControl</c> permission: these are checked before every
/// write and at least every heartbeat; the client signs in again (or refreshes its token) and reconnects. It also
/// ends when the process stops, so a shutdown does not wait for subscribers.</para>
/// </remarks>
public static class CallEventStream
{
    public const string ContentType = "text/event-stream";
    public const int HeartbeatSeconds = 15;

    public static async Task StreamAsync(HttpContext http, CallControl control, CallScope scope, CallerAccessor callers,
        SessionRevocations sessions, IPermissionSource permissions, TimeProvider clock, IOptions<JsonOptions> json,
        IOptions<AuthOptions> auth, IHostApplicationLifetime lifetime, CancellationToken aborted)
    {
        // A stream lasts until the client leaves or the process stops; stopping must not wait for clients to leave.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var caller = callers.Required;
        var expires = TokenExpiry(http.User);
        var (after, foreign) = LastEventId(http.Request, control.Events.Epoch);
        using var subscription = control.Events.Subscribe(after);
        scope.Remember = true;

        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 4096) { NewLine = "\n" };
        await writer.WriteAsync("retry: 3000\n: call events\n\n");
        if (foreign || subscription.MissedEvents) await writer.WriteAsync("event: resync\ndata: {}\n\n");
        await writer.FlushAsync(ct);

        var recheck = TimeSpan.FromSeconds(Math.Max(1, auth.Value.RevocationCheckSeconds));
        var checkedAt = clock.GetUtcNow();
        var reader = subscription.Events;
        try
        {
            while (true)
            {
                using var heartbeat = new CancellationTokenSource(TimeSpan.FromSeconds(HeartbeatSeconds), clock);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, heartbeat.Token);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    more = true; // the heartbeat is due, no event came
                }

                if (!more) return; // dropped for falling behind: the client reconnects and catches up
                var now = clock.GetUtcNow();
                if (expires <= now)
                {
                    await writer.WriteAsync(": the access token expired\n\n");
                    await writer.FlushAsync(ct);
                    return;
                }

                if (!await sessions.IsActiveAsync(caller.SessionId, ct) || (now - checkedAt >= recheck && !await PermittedAsync(caller, permissions, ct)))
                {
                    await writer.WriteAsync(": the session ended or lost the callControl permission\n\n");
                    await writer.FlushAsync(ct);
                    return;
                }

                if (now - checkedAt >= recheck)
                {
                    checkedAt = now;
                    scope.Forget();
                }

                var wrote = false;
                while (reader.TryRead(out var e))
                {
                    if (!await scope.SeesAsync(e.Call, ct)) continue;
                    await writer.WriteAsync($"id: {control.Events.Epoch}-{e.Sequence.ToString(CultureInfo.InvariantCulture)}\ndata: ");
                    await writer.WriteAsync(JsonSerializer.Serialize(CallEventResponse.Of(e), json.Value.SerializerOptions));
                    await writer.WriteAsync("\n\n");
                    wrote = true;
                }

                if (!wrote) await writer.WriteAsync(": keep-alive\n\n");
                await writer.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<bool> PermittedAsync(Caller caller, IPermissionSource permissions, CancellationToken ct) =>
        caller.Realm != Realm.Customer || (await permissions.GetAsync(caller, Section.CallControl, ct)).Allows(Operation.Read);

    /// <summary>When the access token this stream was opened with stops being valid.</summary>
    private static DateTimeOffset TokenExpiry(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : DateTimeOffset.MaxValue;

    /// <summary>The sequence after which to resume, from <c>Last-Event-ID</c>; <c>foreign</c> when it names another epoch.</summary>
    private static (long? After, bool Foreign) LastEventId(HttpRequest request, string epoch)
    {
        var value = request.Headers["Last-Event-ID"].ToString();
        if (value.Length == 0) return (null, false);
        var dash = value.LastIndexOf('-');
        if (dash > 0 && value.AsSpan(0, dash).SequenceEqual(epoch)
            && long.TryParse(value.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return (sequence, false);
        return (null, true);
    }
}
