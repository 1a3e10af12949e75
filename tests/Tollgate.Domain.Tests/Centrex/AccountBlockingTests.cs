using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Domain.Tests.Centrex;

public class AccountBlockingTests
{
    [Theory]
    [InlineData(BlockedBy.Customer)]
    [InlineData(BlockedBy.Reseller)]
    [InlineData(BlockedBy.Administrator)]
    public void Block_AnActiveAccount_RecordsTheBlocker(BlockedBy actor) =>
        AccountBlocking.Block(AccountStatus.Active, null, actor).ShouldBe(new BlockDecision(BlockOutcome.Changed, actor));

    [Fact]
    public void Block_ByAHigherParty_TakesTheBlockOver()
    {
        AccountBlocking.Block(AccountStatus.Blocked, BlockedBy.Customer, BlockedBy.Reseller).ShouldBe(new BlockDecision(BlockOutcome.Changed, BlockedBy.Reseller));
        AccountBlocking.Block(AccountStatus.Blocked, BlockedBy.Reseller, BlockedBy.Administrator)
            .ShouldBe(new BlockDecision(BlockOutcome.Changed, BlockedBy.Administrator));
    }

    [Fact]
    public void Block_BySameParty_ChangesNothing_ByALowerOne_IsHeld()
    {
        AccountBlocking.Block(AccountStatus.Blocked, BlockedBy.Reseller, BlockedBy.Reseller).Outcome.ShouldBe(BlockOutcome.Unchanged);
        AccountBlocking.Block(AccountStatus.Blocked, BlockedBy.Administrator, BlockedBy.Customer)
            .ShouldBe(new BlockDecision(BlockOutcome.HeldByHigher, BlockedBy.Administrator));
    }

    [Theory]
    [InlineData(BlockedBy.Customer, BlockedBy.Customer, BlockOutcome.Changed)]
    [InlineData(BlockedBy.Customer, BlockedBy.Administrator, BlockOutcome.Changed)]
    [InlineData(BlockedBy.Reseller, BlockedBy.Customer, BlockOutcome.HeldByHigher)]
    [InlineData(BlockedBy.Reseller, BlockedBy.Reseller, BlockOutcome.Changed)]
    [InlineData(BlockedBy.Administrator, BlockedBy.Reseller, BlockOutcome.HeldByHigher)]
    [InlineData(BlockedBy.Administrator, BlockedBy.Administrator, BlockOutcome.Changed)]
    public void Unblock_NeedsTheBlockersRankOrHigher(BlockedBy blocker, BlockedBy actor, BlockOutcome expected)
    {
        var decision = AccountBlocking.Unblock(AccountStatus.Blocked, blocker, actor);
        decision.Outcome.ShouldBe(expected);
        decision.BlockedBy.ShouldBe(expected == BlockOutcome.Changed ? null : blocker);
    }

    [Fact]
    public void ABlockWithoutBlocker_CountsAsTheAdministrators()
    {
        AccountBlocking.Unblock(AccountStatus.Blocked, null, BlockedBy.Reseller).ShouldBe(new BlockDecision(BlockOutcome.HeldByHigher, BlockedBy.Administrator));
        AccountBlocking.MayChange(AccountStatus.Blocked, null, BlockedBy.Customer).ShouldBeFalse();
    }

    [Fact]
    public void ClosedAccounts_AreNeitherBlockedNorUnblocked_AndActiveOnesNeedNoUnblock()
    {
        AccountBlocking.Block(AccountStatus.Closed, null, BlockedBy.Administrator).Outcome.ShouldBe(BlockOutcome.Closed);
        AccountBlocking.Unblock(AccountStatus.Closed, BlockedBy.Customer, BlockedBy.Administrator).Outcome.ShouldBe(BlockOutcome.Closed);
        AccountBlocking.Unblock(AccountStatus.Active, null, BlockedBy.Customer).ShouldBe(new BlockDecision(BlockOutcome.Unchanged, null));
    }

    [Fact]
    public void MayChange_IsFrozenOnlyForPartiesBelowTheBlocker()
    {
        AccountBlocking.MayChange(AccountStatus.Active, null, BlockedBy.Customer).ShouldBeTrue();
        AccountBlocking.MayChange(AccountStatus.Blocked, BlockedBy.Customer, BlockedBy.Customer).ShouldBeTrue();
        AccountBlocking.MayChange(AccountStatus.Blocked, BlockedBy.Reseller, BlockedBy.Customer).ShouldBeFalse();
        AccountBlocking.MayChange(AccountStatus.Blocked, BlockedBy.Reseller, BlockedBy.Administrator).ShouldBeTrue();
    }
}
