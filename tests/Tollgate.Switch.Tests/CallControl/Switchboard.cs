using System.Globalization;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>A customer with its own sign-in, as a switchboard app uses the call control API: its client, its staff's, the administrator's.</summary>
/// <param name="Self">The customer's main login.</param>
/// <param name="Staff">Who manages the customer: the administrator, or its reseller.</param>
public sealed record Switchboard(long Customer, string Login, ApiClient Self, ApiClient Staff, ApiClient Admin);

/// <summary>Builds switchboard customers, their lines and their phones on a <see cref="SwitchFixture"/>.</summary>
public static class Switchboards
{
    public static async Task<Switchboard> SwitchboardAsync(this SwitchFixture f, bool viaReseller = false)
    {
        var admin = await f.App.AdminAsync();
        var staff = admin;
        long? reseller = null;
        if (viaReseller)
        {
            var resellerLogin = TestData.Unique("res");
            reseller = await admin.CreateResellerAsync(resellerLogin);
            staff = await f.App.SignInAsync("reseller", resellerLogin, TestData.Password);
        }

        var login = TestData.Unique("board");
        var customer = await staff.CreateCustomerAsync(reseller, login);
        return new Switchboard(customer, login, await f.App.SignInAsync("customer", login, TestData.Password), staff, admin);
    }

    /// <summary>An account of the switchboard's customer with a known SIP password.</summary>
    public static Task<Line> LineAsync(this SwitchFixture f, Switchboard board) => f.AccountAsync(board.Customer);

    /// <summary>Registers a contact nobody answers at, for a destination the test never lets ring.</summary>
    public static Task RegisterNowhereAsync(this SwitchFixture f, Line line) =>
        PhoneRegistration.RegisterAsync(f.Udp, line.AccountId, line.Password, "<sip:nobody@127.0.0.1:9>");

    /// <summary>A phone that answers, takes <paramref name="reinvites"/> re-INVITEs, and is then hung up by the switch.</summary>
    public static SippScript Answering(string party, int reinvites = 0)
    {
        var script = new SippScript(party).ReceiveInvite().Ring().Answer();
        for (var i = 0; i < reinvites; i++) script.ReceiveReInvite();
        return script.ReceiveBye();
    }

    /// <summary>A phone that rings and never answers; the switch cancels it.</summary>
    public static SippScript RingingUntilCancelled(string party) => new SippScript(party).ReceiveInvite().Ring().ReceiveCancel();

    /// <summary>Every message sipp sent or received, in order, as "INVITE", "180" …</summary>
    public static IReadOnlyList<string> Flow(this SippResult run) =>
        run.Messages.Select(m => m.Method ?? m.Status.ToString(CultureInfo.InvariantCulture)).ToList();
}
