using Tollgate.Api.Features.Shared;
using Tollgate.Data;
using Tollgate.Data.Parties;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Accounts;

/// <summary>Something that must happen when an account closes (its subscriptions stop, its phone port frees …).</summary>
/// <remarks>Runs inside the transaction that closes the account; changes go to the same context and commit together.</remarks>
public interface IAccountClosedHandler
{
    Task OnClosedAsync(TollgateDb db, Account account, DateTime closedAt, CancellationToken ct);
}

/// <summary>Closes accounts the one way: status, date, sessions ended, and every <see cref="IAccountClosedHandler"/> told.</summary>
public sealed class AccountCloser(CredentialStore credentials, TimeProvider clock, IEnumerable<IAccountClosedHandler> handlers)
{
    public async Task CloseAsync(TollgateDb db, Account account, CancellationToken ct)
    {
        if (account.Status == AccountStatus.Closed) return;
        var now = clock.GetUtcNow().UtcDateTime;
        account.Status = AccountStatus.Closed;
        account.ClosedAt = now;
        if (account.Credential is not null) await credentials.EndSessionsAsync(db, account.Credential, "account closed", ct);
        foreach (var handler in handlers) await handler.OnClosedAsync(db, account, now, ct);
    }
}
