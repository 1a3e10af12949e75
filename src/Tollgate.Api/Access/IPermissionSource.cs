using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>What a customer-realm caller may do in a section of the self-care portal.</summary>
public interface IPermissionSource
{
    ValueTask<Permission> GetAsync(Caller caller, Section section, CancellationToken ct);
}

/// <summary>The customer's own main login may do everything; individuals get nothing until roles say otherwise.</summary>
public sealed class MainLoginPermissionSource : IPermissionSource
{
    public ValueTask<Permission> GetAsync(Caller caller, Section section, CancellationToken ct) =>
        ValueTask.FromResult(caller.IsIndividual ? Permission.Restrict : Permission.Modify);
}
