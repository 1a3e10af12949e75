using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Runs;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Billing;

/// <summary>Billing runs on demand: what the scheduled job and <c>tollgate billing run</c> do, through the API.</summary>
public static class BillingRunsApi
{
    public sealed record StartRun
    {
        /// <summary>The latest day to consider: periods ending on or before it close. Today in each payer's time zone when absent.</summary>
        public DateOnly? Through { get; init; }
    }

    public static RouteGroupBuilder MapBillingRunsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/billing/runs", Run).WithTags("Billing").Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Run billing: close every period ending on or before 'through', write the missing charges, issue invoices");
        return api;
    }

    private static async Task<Results<Ok<BillingRunSummary>, ProblemHttpResult>> Run(Body<StartRun> body, BillingEngine engine, CancellationToken ct)
    {
        var outcome = await engine.RunAsync(body.Value.Through, ct);
        return outcome.Error is { } error ? error.ToProblem().ToResult() : TypedResults.Ok(outcome.Value!);
    }
}
