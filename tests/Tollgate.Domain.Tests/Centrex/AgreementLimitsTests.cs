using Tollgate.Domain.Billing;
using Tollgate.Domain.Centrex;

namespace Tollgate.Domain.Tests.Centrex;

public class AgreementLimitsTests
{
    private const long AutoAttendant = 1;
    private const long HostedPbx = 2;
    private const long Recording = 3;
    private const long Fax = 4;

    private static readonly AgreementItem[] Abc =
    [
        new(AutoAttendant, ProductKind.Main, 1),
        new(HostedPbx, ProductKind.Main, 0),
        new(Recording, ProductKind.Addon, 300),
    ];

    [Fact]
    public void ProductsWithinTheirQuantities_AreAllowed() =>
        AgreementLimits.Check(Abc, new Dictionary<long, int> { [Recording] = 299 }, [HostedPbx, Recording]).ShouldBeNull();

    [Fact]
    public void QuantityZero_IsUnlimited() =>
        AgreementLimits.Check(Abc, new Dictionary<long, int> { [HostedPbx] = 1_000_000 }, [HostedPbx]).ShouldBeNull();

    [Fact]
    public void AProductNotInTheAgreement_IsRefusedAsSuch() =>
        AgreementLimits.Check(Abc, new Dictionary<long, int>(), [HostedPbx, Fax]).ShouldBe(new AgreementRefusal(Fax, false, 0, 0));

    [Fact]
    public void AProductWhoseQuantityIsUsedUp_IsRefusedWithQuantityAndUse()
    {
        AgreementLimits.Check(Abc, new Dictionary<long, int> { [AutoAttendant] = 1 }, [AutoAttendant]).ShouldBe(new AgreementRefusal(AutoAttendant, true, 1, 1));
        // Use above the quantity (the agreement shrank) is refused the same way.
        AgreementLimits.Check(Abc, new Dictionary<long, int> { [Recording] = 301 }, [Recording]).ShouldBe(new AgreementRefusal(Recording, true, 300, 301));
    }

    [Fact]
    public void TheFirstRefusal_InTheOrderGiven_IsReported() =>
        AgreementLimits.Check(Abc, new Dictionary<long, int> { [AutoAttendant] = 1 }, [Fax, AutoAttendant])!.ProductId.ShouldBe(Fax);

    [Fact]
    public void Available_IsNullWhenUnlimited_AndNeverNegative()
    {
        AgreementLimits.Available(Abc[1], 5).ShouldBeNull();
        AgreementLimits.Available(Abc[2], 299).ShouldBe(1);
        AgreementLimits.Available(Abc[0], 3).ShouldBe(0);
    }
}
