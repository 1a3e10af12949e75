using Tollgate.Sip.Messages;
using Tollgate.Switch.KeepAlive;

namespace Tollgate.Switch.Tests.KeepAlive;

public class LegMonitorTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(300);
    private const SipMethodSet WithUpdate = SipMethodSet.Invite | SipMethodSet.Ack | SipMethodSet.Bye | SipMethodSet.Update;
    private const SipMethodSet InviteOnly = SipMethodSet.Invite | SipMethodSet.Ack | SipMethodSet.Bye;

    [Fact]
    public void Choose_FollowsTheAllowThePartySent()
    {
        var monitor = new LegMonitor(Interval, forbidUpdate: false, retries: 1, T0);
        monitor.Choose(WithUpdate).ShouldBe(KeepAliveMethod.Update);
        monitor.Choose(SipMethodSet.Update).ShouldBe(KeepAliveMethod.Update, "UPDATE without INVITE counts too");
        monitor.Choose(InviteOnly).ShouldBe(KeepAliveMethod.ReInvite);
        monitor.Choose(null).ShouldBe(KeepAliveMethod.ReInvite, "no Allow seen means unknown, so re-INVITE");
        new LegMonitor(Interval, forbidUpdate: true, retries: 1, T0).Choose(WithUpdate).ShouldBe(KeepAliveMethod.ReInvite);
    }

    [Fact]
    public void FirstKeepAlive_IsDueOneIntervalAfterConnect_AndTheNextOneIntervalAfterTheAnswer()
    {
        var monitor = new LegMonitor(Interval, false, 1, T0);
        monitor.IsDue(T0 + Interval - TimeSpan.FromTicks(1)).ShouldBeFalse();
        monitor.IsDue(T0 + Interval).ShouldBeTrue();
        monitor.Begin(T0 + Interval, WithUpdate).ShouldBe(KeepAliveMethod.Update);
        monitor.IsDue(T0 + 10 * Interval).ShouldBeFalse("one keep-alive at a time");
        monitor.Complete(T0 + Interval + TimeSpan.FromSeconds(1), KeepAliveResult.Alive).ShouldBe(KeepAliveStep.Alive);
        monitor.NextDue.ShouldBe(T0 + Interval + TimeSpan.FromSeconds(1) + Interval);
        (monitor.Sent, monitor.Answered, monitor.Failures).ShouldBe((1, 1, 0));
    }

    [Theory]
    [InlineData(KeepAliveResult.AliveButNoUpdate)]
    [InlineData(KeepAliveResult.FailedUpdate)]
    public void UpdateRefusedOrUnanswered_FallsBackToReInviteForTheRestOfTheCall(KeepAliveResult result)
    {
        var monitor = new LegMonitor(Interval, false, 1, T0);
        monitor.Begin(T0 + Interval, WithUpdate);
        monitor.Complete(T0 + Interval, result);
        monitor.FellBack.ShouldBeTrue();
        monitor.Choose(WithUpdate).ShouldBe(KeepAliveMethod.ReInvite, "whatever the party keeps claiming");
    }

    [Fact]
    public void FailedKeepAlive_IsRetried_AndTheLegIsDeadWhenTheRetryFailsToo_BilledFromTheFirstFailure()
    {
        var monitor = new LegMonitor(Interval, false, retries: 1, T0);
        var first = T0 + Interval;
        monitor.Begin(first, InviteOnly);
        monitor.Complete(first + TimeSpan.FromSeconds(32), KeepAliveResult.Failed).ShouldBe(KeepAliveStep.Retry);
        monitor.FirstFailedAt.ShouldBe(first);
        monitor.Begin(first + TimeSpan.FromSeconds(32), InviteOnly);
        monitor.Complete(first + TimeSpan.FromSeconds(64), KeepAliveResult.Failed).ShouldBe(KeepAliveStep.Dead);
        monitor.FirstFailedAt.ShouldBe(first, "the run of failures started with the first one");
        monitor.Failures.ShouldBe(2);
    }

    [Fact]
    public void AnswerAfterAFailure_ForgetsTheFailure()
    {
        var monitor = new LegMonitor(Interval, false, retries: 1, T0);
        monitor.Begin(T0 + Interval, InviteOnly);
        monitor.Complete(T0 + Interval, KeepAliveResult.Failed).ShouldBe(KeepAliveStep.Retry);
        monitor.Begin(T0 + Interval, InviteOnly);
        monitor.Complete(T0 + Interval, KeepAliveResult.Alive).ShouldBe(KeepAliveStep.Alive);
        (monitor.Failures, monitor.FirstFailedAt).ShouldBe((0, null));

        monitor.Begin(T0 + 3 * Interval, InviteOnly);
        monitor.Complete(T0 + 3 * Interval, KeepAliveResult.Failed).ShouldBe(KeepAliveStep.Retry, "a new run of failures starts over");
        monitor.FirstFailedAt.ShouldBe(T0 + 3 * Interval);
    }

    [Fact]
    public void NoRetries_MakesTheFirstFailureFatal_AndABusyOrEndedDialogIsNoFailure()
    {
        var strict = new LegMonitor(Interval, false, retries: 0, T0);
        strict.Begin(T0 + Interval, InviteOnly);
        strict.Complete(T0 + Interval, KeepAliveResult.Failed).ShouldBe(KeepAliveStep.Dead);

        var busy = new LegMonitor(Interval, false, retries: 0, T0);
        busy.Begin(T0 + Interval, InviteOnly);
        busy.Complete(T0 + Interval, KeepAliveResult.Busy).ShouldBe(KeepAliveStep.Alive, "another offer is under way: the leg is in use");
        busy.Answered.ShouldBe(0);
        busy.Begin(T0 + 2 * Interval, InviteOnly);
        busy.Complete(T0 + 2 * Interval, KeepAliveResult.DialogEnded).ShouldBe(KeepAliveStep.Stop);
    }

    [Fact]
    public void LimitInterval_ShortensTheWaitForASessionTimerRefresh_NeverLengthensIt()
    {
        var monitor = new LegMonitor(Interval, false, 1, T0);
        monitor.LimitInterval(TimeSpan.FromSeconds(900));
        monitor.Interval.ShouldBe(Interval);
        monitor.LimitInterval(TimeSpan.FromSeconds(90));
        monitor.Interval.ShouldBe(TimeSpan.FromSeconds(90));
        monitor.NextDue.ShouldBe(T0 + TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void MisuseOfTheProtocol_Throws()
    {
        var monitor = new LegMonitor(Interval, false, 1, T0);
        Should.Throw<InvalidOperationException>(() => monitor.Complete(T0, KeepAliveResult.Alive));
        monitor.Begin(T0, null);
        Should.Throw<InvalidOperationException>(() => monitor.Begin(T0, null));
        Should.Throw<ArgumentOutOfRangeException>(() => new LegMonitor(TimeSpan.Zero, false, 1, T0));
    }
}
