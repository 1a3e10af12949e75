using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Access;

/// <summary>The permission map of a role: restrict by default, capped per section, compared section by section.</summary>
public sealed class RolePermissionsTests
{
    private static RolePermissions Of(params (Section Section, Permission Permission)[] entries) =>
        RolePermissions.Of(entries.Select(e => KeyValuePair.Create(e.Section, e.Permission)));

    [Fact]
    public void SectionNotNamed_IsRestricted()
    {
        var pbx = Of((Section.Extensions, Permission.Modify));
        pbx[Section.Extensions].ShouldBe(Permission.Modify);
        pbx[Section.Invoices].ShouldBe(Permission.Restrict);
        pbx.ToWire().Count.ShouldBe(SectionNames.All.Count);
    }

    [Fact]
    public void AllowedRoles_CanBeReadButNeverModified()
    {
        Of((Section.AllowedRoles, Permission.Modify))[Section.AllowedRoles].ShouldBe(Permission.Read);
        RolePermissions.Everything[Section.AllowedRoles].ShouldBe(Permission.Read);
        RolePermissions.Everything[Section.Payments].ShouldBe(Permission.Modify);
    }

    [Fact]
    public void Covers_ComparesEverySection()
    {
        var admin = Of((Section.Extensions, Permission.Modify), (Section.Invoices, Permission.Read));
        admin.Covers(Of((Section.Extensions, Permission.Read))).ShouldBeTrue();
        admin.Covers(Of((Section.Invoices, Permission.Read), (Section.Extensions, Permission.Modify))).ShouldBeTrue();
        admin.Covers(RolePermissions.None).ShouldBeTrue();
        admin.Covers(Of((Section.Invoices, Permission.Modify))).ShouldBeFalse();
        admin.Exceeding(Of((Section.Invoices, Permission.Modify), (Section.Phones, Permission.Read))).ShouldBe(["phones", "invoices"], ignoreOrder: true);
    }

    [Fact]
    public void StoredForm_RoundTripsAndIgnoresSectionsNoLongerKnown()
    {
        var role = Of((Section.Xdrs, Permission.Read), (Section.Payments, Permission.Modify), (Section.Profile, Permission.Restrict));
        role.ToJson().ShouldBe("""{"payments":"modify","xdrs":"read"}""");
        RolePermissions.FromJson(role.ToJson()).ShouldBe(role);
        RolePermissions.FromJson("""{"payments":"modify","fax":"modify","xdrs":"read"}""").ShouldBe(role);
        RolePermissions.FromJson(null).ShouldBe(RolePermissions.None);
        role.GetHashCode().ShouldBe(RolePermissions.FromJson(role.ToJson()).GetHashCode());
    }

    [Theory]
    [InlineData("customerIndividuals", Section.CustomerIndividuals)]
    [InlineData("XDRS", Section.Xdrs)]
    public void SectionNames_ReadTheWireNamesIgnoringCase(string name, Section section)
    {
        SectionNames.TryParse(name, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(section);
        SectionNames.TryParse("telepathy", out _).ShouldBeFalse();
    }
}
