using Tollgate.Switch.KeepAlive;

namespace Tollgate.Switch.Tests.KeepAlive;

public class KeepAliveResultsTests
{
    [Theory]
    // From the party: only 408 and 481 are failures; 405/501 to UPDATE mean "alive, no UPDATE"; anything else is life.
    [InlineData(KeepAliveMethod.Update, 200, false, KeepAliveResult.Alive)]
    [InlineData(KeepAliveMethod.Update, 500, false, KeepAliveResult.Alive)]
    [InlineData(KeepAliveMethod.Update, 486, false, KeepAliveResult.Alive)]
    [InlineData(KeepAliveMethod.Update, 405, false, KeepAliveResult.AliveButNoUpdate)]
    [InlineData(KeepAliveMethod.Update, 501, false, KeepAliveResult.AliveButNoUpdate)]
    [InlineData(KeepAliveMethod.ReInvite, 501, false, KeepAliveResult.Alive)]
    [InlineData(KeepAliveMethod.Update, 408, false, KeepAliveResult.Failed)]
    [InlineData(KeepAliveMethod.ReInvite, 481, false, KeepAliveResult.Failed)]
    // Made up by the stack: a timeout, a transport failure, a pending offer, a dialog already gone.
    [InlineData(KeepAliveMethod.Update, 408, true, KeepAliveResult.FailedUpdate)]
    [InlineData(KeepAliveMethod.ReInvite, 408, true, KeepAliveResult.Failed)]
    [InlineData(KeepAliveMethod.ReInvite, 503, true, KeepAliveResult.Failed)]
    [InlineData(KeepAliveMethod.ReInvite, 491, true, KeepAliveResult.Busy)]
    [InlineData(KeepAliveMethod.Update, 481, true, KeepAliveResult.DialogEnded)]
    public void Classify_ReducesTheAnswerToWhatDecidesTheLeg(KeepAliveMethod method, int status, bool local, KeepAliveResult expected) =>
        KeepAliveResults.Classify(method, status, local).ShouldBe(expected);
}
