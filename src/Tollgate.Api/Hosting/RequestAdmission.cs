using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Hosting;

/// <summary>Settings of <see cref="RequestAdmission"/> (<c>Tollgate:Api:Admission</c>).</summary>
public sealed class AdmissionOptions
{
    /// <summary>API requests served at once; later ones wait their turn. Null: four per processor; 0: no limit.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Requests that may wait for their turn; one more is answered 503 with <c>Retry-After</c>.</summary>
    public int QueueLimit { get; set; } = 1000;

    /// <summary>The limit in force: <see cref="MaxConcurrentRequests"/>, or four per processor when unset.</summary>
    public int EffectiveLimit => MaxConcurrentRequests ?? 4 * Environment.ProcessorCount;

    public const string Section = "Tollgate:Api:Admission";

    /// <summary>Checks the section as a person wrote it; every problem is returned, none thrown.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var problems = new List<string>();
        foreach (var (key, max, meaning) in new[]
                 {
                     (nameof(MaxConcurrentRequests), 100_000, "0 for no limit; default four per processor"),
                     (nameof(QueueLimit), 1_000_000, "default 1000"),
                 })
        {
            if (section[key] is { Length: > 0 } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max))
                problems.Add($"{Section}:{key}: '{text}' is not a whole number from 0 to {max:N0} ({meaning})");
        }
        return problems;
    }
}

/// <summary>Marks an endpoint that <see cref="RequestAdmission"/> lets through without a turn (a stream that stays open).</summary>
public sealed class AdmissionExemptAttribute : Attribute;

/// <summary>
/// Admission control for <c>/api</c>: at most <see cref="AdmissionOptions.EffectiveLimit"/> requests are served at once,
/// the others wait in arrival order, and when too many wait the next one is answered 503 with <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// <para>
/// On a busy server every request in progress shares the processors with all the others, so each one's time depends
/// on how many happen to run beside it, and the slowest get several times slower than the typical one. Served a few at
/// a time and first come first served, they take about as long as each other: measured on two cores with PostgreSQL on
/// the same machine (bench/CentrexCreation, 16 clients), the 99th percentile of extension creations went from about
/// three times the median to about twice it.
/// </para>
/// <para>
/// Health, metrics and documentation are outside <c>/api</c> and never wait; endpoints marked
/// <see cref="AdmissionExemptAttribute"/> (the call event stream) neither. A client that gives up while waiting leaves the line.
/// </para>
/// </remarks>
public sealed class RequestAdmission : IMiddleware, IDisposable
{
    private static readonly Prometheus.Gauge Waiting = Prometheus.Metrics.CreateGauge(
        "tollgate_api_requests_waiting", "API requests waiting for their turn (Tollgate:Api:Admission).");

    private readonly ConcurrencyLimiter? _gate;
    private readonly int _limit;

    public RequestAdmission(IOptions<AdmissionOptions> options)
    {
        var o = options.Value;
        _limit = o.EffectiveLimit;
        if (o.EffectiveLimit == 0) return;
        _gate = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.EffectiveLimit, QueueLimit = o.QueueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>How many API requests are being served and how many wait, now (both 0 without a limit).</summary>
    public (int Served, int Waiting) Now =>
        _gate?.GetStatistics() is { } stats ? (_limit - (int)stats.CurrentAvailablePermits, (int)stats.CurrentQueuedCount) : (0, 0);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (_gate is null || !http.Request.Path.StartsWithSegments(TollgateApiModule.ApiPrefix, StringComparison.OrdinalIgnoreCase)
            || http.GetEndpoint()?.Metadata.GetMetadata<AdmissionExemptAttribute>() is not null)
        {
            await next(http);
            return;
        }
        var lease = _gate.AttemptAcquire(1); // a free turn, and nobody waiting before this request
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            Waiting.Inc();
            try
            {
                lease = await _gate.AcquireAsync(1, http.RequestAborted);
            }
            finally
            {
                Waiting.Dec();
            }
        }
        using (lease)
        {
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }
        }
        http.Response.Headers.RetryAfter = "1";
        var problem = new Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "The server is busy.",
            "Too many requests are waiting to be served; try again in a moment.");
        http.Response.StatusCode = problem.Status;
        await problem.ToResult().ExecuteAsync(http);
    }

    public void Dispose() => _gate?.Dispose();
}
