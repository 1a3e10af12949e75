using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>The charging used until usage rating is installed: every call may go, for as long as it lasts, and costs nothing.</summary>
public sealed class UnlimitedCallCharging : ICallCharging
{
    public Task<ChargingDecision> ReserveAsync(ChargingRequest request, CancellationToken ct) => Task.FromResult(ChargingDecision.Unlimited);

    public Task SettleAsync(long cdrId, CancellationToken ct) => Task.CompletedTask;
}
