using Tollgate.Api.Hosting;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>An open call event stream does not hold one of the API's turns (<c>Tollgate:Api:Admission</c>).</summary>
public sealed class EventStreamAdmissionTests
{
    [Fact]
    public async Task OpenEventStreams_LeaveTheApiToOtherRequests()
    {
        await using var app = await TollgateTestApp.StartAsync(DbKind.Sqlite, new Dictionary<string, string?>
        {
            ["Tollgate:Sip"] = "udp:127.0.0.1:0",
            ["Tollgate:Api:Admission:MaxConcurrentRequests"] = "1",
            ["Tollgate:Api:Admission:QueueLimit"] = "0",
        });
        var admin = await app.AdminAsync();
        await using var first = await EventStreamReader.OpenAsync(admin);
        await using var second = await EventStreamReader.OpenAsync(admin);
        app.Service<RequestAdmission>().Now.ShouldBe((0, 0), "the streams are not counted");
        (await admin.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK);
    }
}
