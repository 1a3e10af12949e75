using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;
using Tollgate.Billing;

namespace Tollgate.Api.Features.Billing;

/// <summary>Turns the refusals of billing's services into the API's problem details.</summary>
public static class BillingProblems
{
    public static Problem ToProblem(this BillingError error)
    {
        var errors = error.Field is { } field ? new Dictionary<string, string[]> { [field] = [error.Detail] } : null;
        return error.Kind switch
        {
            BillingErrorKind.NotFound => new Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", error.Detail) { Errors = errors },
            BillingErrorKind.Unprocessable => Problem.Unprocessable(error.Detail, error.Field),
            BillingErrorKind.Duplicate => Problem.Duplicate(error.Field ?? "", error.Detail),
            BillingErrorKind.Conflict => Problem.Conflict(error.Detail) with { Errors = errors },
            BillingErrorKind.Forbidden => Problem.Forbidden(error.Detail),
            _ => throw new InvalidOperationException($"Unknown billing error kind {error.Kind}."),
        };
    }
}
