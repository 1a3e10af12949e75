using Tollgate.Api.Features.Accounts;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Parties;

namespace Tollgate.Api.Features.Subscriptions;

/// <summary>When an account closes, its subscriptions stop (charges stop from that day), including its reseller subscriptions.</summary>
public sealed class SubscriptionsOnAccountClosed(SubscriptionAssigner assigner) : IAccountClosedHandler
{
    public Task OnClosedAsync(TollgateDb db, Account account, DateTime closedAt, CancellationToken ct) =>
        assigner.StopForClosedAccountAsync(db, account, closedAt, ct);
}
