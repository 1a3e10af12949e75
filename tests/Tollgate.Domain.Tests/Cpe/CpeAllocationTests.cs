using Tollgate.Domain.Cpe;

namespace Tollgate.Domain.Tests.Cpe;

public class CpeAllocationTests
{
    private const long Customer = 10;
    private const long OtherCustomer = 11;
    private const long Reseller = 100;
    private const long OtherReseller = 101;

    private static readonly CpeManagement AdminOnly = CpeManagement.AdministratorOnly;
    private static readonly CpeManagement AdminShared = new(null, true);
    private static readonly CpeManagement ResellersOwn = new(Reseller, false);

    [Fact]
    public void Administrator_MayAllocateAnyStockToAnyCustomer()
    {
        CpeAllocation.CheckAllocate(AdminOnly, null, Customer, null, actingReseller: null).ShouldBeNull();
        CpeAllocation.CheckAllocate(AdminShared, null, Customer, Reseller, actingReseller: null).ShouldBeNull();
    }

    [Fact]
    public void AllocatingAgainToTheSameCustomer_IsNotAnError()
    {
        CpeAllocation.CheckAllocate(AdminOnly, Customer, Customer, null, actingReseller: Reseller).ShouldBeNull();
    }

    [Fact]
    public void DeviceOfAnotherCustomer_IsRefusedNamingThatCustomer()
    {
        var refusal = CpeAllocation.CheckAllocate(AdminShared, OtherCustomer, Customer, null, actingReseller: null);
        refusal.ShouldNotBeNull().Code.ShouldBe("allocated-to-another-customer");
        refusal.Reason.ShouldContain(OtherCustomer.ToString());
    }

    [Fact]
    public void Reseller_MayAllocateItsOwnAndSharedStock_NotTheAdministratorsOwn()
    {
        CpeAllocation.CheckAllocate(ResellersOwn, null, Customer, Reseller, actingReseller: Reseller).ShouldBeNull();
        CpeAllocation.CheckAllocate(AdminShared, null, Customer, Reseller, actingReseller: Reseller).ShouldBeNull();
        CpeAllocation.CheckAllocate(AdminOnly, null, Customer, Reseller, actingReseller: Reseller)
            .ShouldNotBeNull().Code.ShouldBe("managed-by-administrator");
        CpeAllocation.CheckAllocate(new CpeManagement(OtherReseller, false), null, Customer, Reseller, actingReseller: Reseller)
            .ShouldNotBeNull().Code.ShouldBe("managed-by-another-reseller");
    }

    [Fact]
    public void ResellersDevice_GoesOnlyToThatResellersCustomers_EvenWhenTheAdministratorAllocates()
    {
        CpeAllocation.CheckAllocate(ResellersOwn, null, Customer, OtherReseller, actingReseller: null)
            .ShouldNotBeNull().Code.ShouldBe("reserved-for-reseller");
        CpeAllocation.CheckAllocate(ResellersOwn, null, Customer, null, actingReseller: null)
            .ShouldNotBeNull().Code.ShouldBe("reserved-for-reseller");
        CpeAllocation.CheckAllocate(ResellersOwn, null, Customer, Reseller, actingReseller: null).ShouldBeNull();
    }

    [Fact]
    public void Release_IsRefusedWhilePortsAreAssignedOrWhenTheActorDoesNotManageIt()
    {
        CpeAllocation.CheckRelease(AdminShared, 0, null, actingReseller: Reseller).ShouldBeNull();
        CpeAllocation.CheckRelease(AdminOnly, 0, null, actingReseller: Reseller).ShouldNotBeNull().Code.ShouldBe("managed-by-administrator");
        var busy = CpeAllocation.CheckRelease(AdminOnly, 1, "12095550101", actingReseller: null).ShouldNotBeNull();
        busy.Code.ShouldBe("ports-assigned");
        busy.Reason.ShouldBe("it is assigned to account 12095550101; unassign it first");
        CpeAllocation.CheckRelease(AdminOnly, 2, "a1", actingReseller: null).ShouldNotBeNull().Reason
            .ShouldBe("2 of its ports are assigned to accounts (the first to a1); unassign them first");
    }

    [Fact]
    public void Remove_IsForTheManagerOnly_NotForResellersItIsSharedWith()
    {
        CpeAllocation.CheckRemove(AdminShared, 0, null, actingReseller: Reseller).ShouldNotBeNull().Code.ShouldBe("managed-by-administrator");
        CpeAllocation.CheckRemove(ResellersOwn, 0, null, actingReseller: Reseller).ShouldBeNull();
        CpeAllocation.CheckRemove(ResellersOwn, 0, null, actingReseller: null).ShouldBeNull();
        CpeAllocation.CheckRemove(ResellersOwn, 1, "a1", actingReseller: Reseller).ShouldNotBeNull().Code.ShouldBe("ports-assigned");
    }

    [Fact]
    public void Management_SharingIsOnlyForTheAdministratorsOwn()
    {
        new CpeManagement(Reseller, true).Problem.ShouldNotBeNull();
        AdminShared.Problem.ShouldBeNull();
        ResellersOwn.Problem.ShouldBeNull();
    }

    [Fact]
    public void Management_ProfileFitsDeviceOfTheSameManagerOrWhenShared()
    {
        ResellersOwn.MayUseProfile(ResellersOwn).ShouldBeTrue();
        ResellersOwn.MayUseProfile(AdminShared).ShouldBeTrue();
        ResellersOwn.MayUseProfile(AdminOnly).ShouldBeFalse();
        AdminOnly.MayUseProfile(ResellersOwn).ShouldBeFalse();
        AdminOnly.MayUseProfile(AdminOnly).ShouldBeTrue();
        new CpeManagement(OtherReseller, false).MayUseProfile(ResellersOwn).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2, new int[0], null, 1, null)]
    [InlineData(2, new[] { 1 }, null, 2, null)]
    [InlineData(2, new[] { 1, 2 }, null, 0, "all 2 ports are assigned")]
    [InlineData(1, new[] { 1 }, null, 0, "all 1 port is assigned")]
    [InlineData(2, new int[0], 2, 2, null)]
    [InlineData(2, new[] { 2 }, 2, 0, "port 2 is already assigned to another account")]
    [InlineData(2, new int[0], 3, 0, "this device has ports 1 to 2")]
    [InlineData(1, new int[0], 0, 0, "this device has only port 1")]
    public void Ports_ChooseTheAskedOrFirstFree(int total, int[] busy, int? wanted, int port, string? problem)
    {
        CpePorts.Choose(total, busy, wanted).ShouldBe((port, problem));
    }
}
