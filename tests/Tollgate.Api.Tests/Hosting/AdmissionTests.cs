using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Tollgate.Api.Hosting;
using Tollgate.Api.Problems;
using Tollgate.Hosting;

namespace Tollgate.Api.Tests.Hosting;

/// <summary>Admission control (<c>Tollgate:Api:Admission</c>): API requests are served a few at a time, in arrival order.</summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task BeyondTheLimit_RequestsWaitTheirTurn_AndBeyondTheQueue_TheAnswerIs503WithRetryAfter()
    {
        await using var app = await TollgateTestApp.StartAsync(DbKind.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Tollgate:Api:Admission:MaxConcurrentRequests"] = "1", ["Tollgate:Api:Admission:QueueLimit"] = "1",
        });
        var admission = app.Service<RequestAdmission>();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        // The first request holds the only turn while its body has not all arrived.
        var rest = new TaskCompletionSource();
        var first = http.PostAsync("/api/v1/auth/login", new HeldBody("{\"realm\":\"admin\",\"login\":\"admin\",", "\"password\":\"wrong password\"}", rest.Task).WithJson());
        await UntilAsync(() => admission.Now == (1, 0), admission);

        var second = http.GetAsync("/api/v1/customers");
        await UntilAsync(() => admission.Now == (1, 1), admission);

        var refused = await app.Anonymous().GetAsync("/api/v1/customers");
        refused.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, ProblemTypes.Unavailable);
        refused.Headers["Retry-After"].ShouldBe("1");
        second.IsCompleted.ShouldBeFalse("the waiting request is still in line");

        // Health and metrics are not API requests: they never wait.
        (await app.Anonymous().GetAsync("/livez")).ShouldHave(HttpStatusCode.OK);
        // The gauge is the process's (other tests' apps run beside this one), so only its presence is checked here.
        (await app.Anonymous().GetAsync("/metrics")).Text.ShouldContain("tollgate_api_requests_waiting ");

        rest.SetResult();
        (await first).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "served: the password was checked");
        (await second).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "served after the first, no token");
        admission.Now.ShouldBe((0, 0));
    }

    [Fact]
    public async Task Zero_MeansNoLimit()
    {
        await using var app = await TollgateTestApp.StartAsync(DbKind.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Tollgate:Api:Admission:MaxConcurrentRequests"] = "0", ["Tollgate:Api:Admission:QueueLimit"] = "0",
        });
        var rest = new TaskCompletionSource();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var held = http.PostAsync("/api/v1/auth/login", new HeldBody("{\"realm\":\"admin\",", "\"login\":\"admin\",\"password\":\"x\"}", rest.Task).WithJson());
        (await app.Anonymous().GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        app.Service<RequestAdmission>().Now.ShouldBe((0, 0));
        rest.SetResult();
        (await held).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void BadSettings_AreRefusedBeforeStart_NamingTheKey()
    {
        var (settings, error) = TollgateSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tollgate:Api:Admission:MaxConcurrentRequests"] = "-1", ["Tollgate:Api:Admission:QueueLimit"] = "lots",
        }).Build());
        settings.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("Tollgate:Api:Admission:MaxConcurrentRequests: '-1'");
        error.ShouldContain("Tollgate:Api:Admission:QueueLimit: 'lots'");
        new AdmissionOptions().EffectiveLimit.ShouldBe(4 * Environment.ProcessorCount);
    }

    /// <summary>Polls <see cref="RequestAdmission.Now"/> until <paramref name="condition"/> holds (never waits a fixed time).</summary>
    private static async Task UntilAsync(Func<bool> condition, RequestAdmission admission)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"admission stayed at {admission.Now}");
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>A JSON body sent in two parts, the second once <paramref name="release"/> completes.</summary>
    private sealed class HeldBody(string head, string tail, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head));
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(tail));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }

        public HeldBody WithJson()
        {
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return this;
        }
    }
}
