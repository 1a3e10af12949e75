using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Switching;
using Tollgate.Domain.Access;
using Tollgate.Domain.Switching;

namespace Tollgate.Api.Features.Switching;

/// <summary>Service policies: keep-alive interval and "forbid UPDATE" for the call legs they apply to; administrators only.</summary>
/// <remarks>
/// <para>A policy without <c>sipEndpointPattern</c> applies where it is assigned: a product or an account (both
/// directions of that account's calls; the account's own overrides its product's) or a vendor connection (calls over
/// it). A policy with a pattern applies to every call leg whose User-Agent matches, the highest <c>matchPriority</c>
/// winning; it cannot also be assigned.</para>
/// <para>Changes apply to calls set up afterwards; calls already connected keep the settings they started with.</para>
/// </remarks>
public static class ServicePoliciesApi
{
    /// <summary>Longest keep-alive interval a policy may set: one day, as for the installation's own.</summary>
    public const int MaxKeepAliveSeconds = 86_400;

    public const int MaxMatchPriority = 1_000_000;

    public sealed record CreatePolicy : IValidatable
    {
        public required string Name { get; init; }
        public bool ForbidUpdateMethod { get; init; }

        /// <summary>Seconds between keep-alives on the legs it applies to; null: the installation's interval.</summary>
        public int? KeepAliveInterval { get; init; }

        public string? SipEndpointPattern { get; init; }
        public int MatchPriority { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name);
            IntervalRule(errors, KeepAliveInterval);
            PatternRule(errors, SipEndpointPattern);
            PriorityRule(errors, MatchPriority);
        }
    }

    public sealed record UpdatePolicy : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<bool?> ForbidUpdateMethod { get; init; }
        public Optional<int?> KeepAliveInterval { get; init; }
        public Optional<string?> SipEndpointPattern { get; init; }
        public Optional<int?> MatchPriority { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "");
            if (ForbidUpdateMethod.HasValue && ForbidUpdateMethod.Value is null) errors.Add("forbidUpdateMethod", "must be true or false");
            if (KeepAliveInterval.HasValue) IntervalRule(errors, KeepAliveInterval.Value);
            if (SipEndpointPattern.HasValue) PatternRule(errors, SipEndpointPattern.Value);
            if (MatchPriority.HasValue)
            {
                if (MatchPriority.Value is { } priority) PriorityRule(errors, priority);
                else errors.Add("matchPriority", "must not be null");
            }
        }
    }

    public sealed record PolicyResponse(
        long Id, string Name, bool ForbidUpdateMethod, int? KeepAliveInterval, string? SipEndpointPattern, int MatchPriority, DateTime CreatedAt);

    private static readonly Expression<Func<ServicePolicy, PolicyResponse>> Projection = p => new PolicyResponse(
        p.Id, p.Name, p.ForbidUpdateMethod, p.KeepAliveInterval, p.SipEndpointPattern, p.MatchPriority, p.CreatedAt);

    private static readonly Func<ServicePolicy, PolicyResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapServicePoliciesApi(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/service-policies").WithTags("Switch");
        policies.MapGet("/", List).Allow(Realms.Admin, Operation.Read)
            .WithSummary("List service policies; filter by name (% and _ wildcards)");
        policies.MapGet("/{id:long}", Get).Allow(Realms.Admin, Operation.Read).WithSummary("Read a service policy");
        policies.MapPost("/", Create).Allow(Realms.Admin, Operation.Modify).WithSummary("Create a service policy");
        policies.MapPatch("/{id:long}", Update).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Change a service policy; calls set up afterwards follow it");
        policies.MapDelete("/{id:long}", Delete).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Delete a service policy no product, account or connection uses");
        return policies;
    }

    private static void IntervalRule(ValidationErrors errors, int? seconds)
    {
        if (seconds is { } s && (s < 1 || s > MaxKeepAliveSeconds))
            errors.Add("keepAliveInterval", $"must be from 1 to {MaxKeepAliveSeconds} seconds, or null for the installation's interval");
    }

    private static void PatternRule(ValidationErrors errors, string? pattern)
    {
        if (pattern is not null && !UserAgentPattern.TryParse(pattern, out _, out var error))
            errors.Add("sipEndpointPattern", $"{error} (a full User-Agent such as Linksys/SPA941-5.1.8, or patterns such as Cisco%,Sipura%)");
    }

    private static void PriorityRule(ValidationErrors errors, int priority)
    {
        if (priority < 0 || priority > MaxMatchPriority) errors.Add("matchPriority", $"must be from 0 to {MaxMatchPriority}");
    }

    private static string? Normalize(string? pattern) => pattern is null ? null : UserAgentPattern.Parse(pattern).Text;

    private static async Task<Ok<Page<PolicyResponse>>> List(TollgateDb db, Paging paging, string? name, CancellationToken ct)
    {
        var query = db.Set<ServicePolicy>().AsNoTracking();
        if (name is not null) query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), Patterns.ToLike(name)));
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(p => p.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<PolicyResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var policy = await db.Set<ServicePolicy>().AsNoTracking().Where(p => p.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return policy is null ? Problem.NotFound("service policy", id).ToResult() : TypedResults.Ok(policy);
    }

    private static async Task<Results<Created<PolicyResponse>, ProblemHttpResult>> Create(
        Body<CreatePolicy> body, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        var policy = new ServicePolicy
        {
            Name = input.Name.Trim(),
            ForbidUpdateMethod = input.ForbidUpdateMethod,
            KeepAliveInterval = input.KeepAliveInterval,
            SipEndpointPattern = Normalize(input.SipEndpointPattern),
            MatchPriority = input.MatchPriority,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(policy);
        if (await CredentialStore.SaveAsync(db, "name", $"A service policy named '{policy.Name}' already exists.", ct) is { } duplicate)
            return duplicate.ToResult();
        return TypedResults.Created($"/api/v1/service-policies/{policy.Id}", Map(policy));
    }

    private static async Task<Results<Ok<PolicyResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdatePolicy> body, TollgateDb db, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<ServicePolicy>(id, ct);
        var policy = await db.Set<ServicePolicy>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null) return Problem.NotFound("service policy", id).ToResult();
        if (input.SipEndpointPattern.HasValue && input.SipEndpointPattern.Value is not null && policy.SipEndpointPattern is null
            && await PolicyAssignments.UsesAsync(db, id, ct) is var (products, accounts, connections) && products + accounts + connections > 0)
        {
            var detail = $"Service policy {id} is assigned to {products} product(s), {accounts} account(s) and {connections} connection(s); " +
                         "a policy with a SIP end-point pattern applies by User-Agent and cannot be assigned. Remove the assignments first.";
            return (Problem.Conflict(detail) with { Errors = new Dictionary<string, string[]> { ["sipEndpointPattern"] = [detail] } }).ToResult();
        }

        if (input.Name.HasValue) policy.Name = input.Name.Value.Trim();
        if (input.ForbidUpdateMethod.Value is { } forbid) policy.ForbidUpdateMethod = forbid;
        if (input.KeepAliveInterval.HasValue) policy.KeepAliveInterval = input.KeepAliveInterval.Value;
        if (input.SipEndpointPattern.HasValue) policy.SipEndpointPattern = Normalize(input.SipEndpointPattern.Value);
        if (input.MatchPriority.Value is { } priority) policy.MatchPriority = priority;
        if (await CredentialStore.SaveAsync(db, "name", $"A service policy named '{policy.Name}' already exists.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(policy));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<ServicePolicy>(id, ct);
        var policy = await db.Set<ServicePolicy>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null) return Problem.NotFound("service policy", id).ToResult();
        var (products, accounts, connections) = await PolicyAssignments.UsesAsync(db, id, ct);
        if (products + accounts + connections > 0)
            return Problem.Conflict(
                $"Service policy {id} is assigned to {products} product(s), {accounts} account(s) and {connections} connection(s); it cannot be deleted.").ToResult();
        db.Remove(policy);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
