using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Features.Rating;

/// <summary>The problem types of tariffs, rating and balances (see docs/rating.md and docs/problems.md).</summary>
public static class RatingProblems
{
    /// <summary>400: an uploaded rate file has errors; <c>errors</c> is keyed "row N, column X", <c>rows</c> lists each; nothing was changed.</summary>
    public const string RateFileInvalid = ProblemTypes.Base + "rate-file-invalid";

    /// <summary>400: a CDR file cannot be read at all (not a JSON array, malformed JSON, a wrong CSV header); nothing was stored.</summary>
    public const string CdrFileInvalid = ProblemTypes.Base + "cdr-import-file-invalid";

    /// <summary>404: the tariff has no rate for the number at that time (<c>GET /tariffs/{id}/lookup</c>).</summary>
    public const string NoRate = ProblemTypes.Base + "no-rate";

    public static Problem RateFile(string detail, IReadOnlyList<(int Row, string Column, string Reason)> rows) =>
        new(StatusCodes.Status400BadRequest, RateFileInvalid, "The rate file cannot be applied.", detail)
        {
            Errors = rows.GroupBy(r => $"row {r.Row}, column {r.Column}").ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray()),
            Extensions = new Dictionary<string, object?> { ["rows"] = rows.Select(r => new { row = r.Row, column = r.Column, reason = r.Reason }).ToList() },
        };

    public static Problem CdrFile(string detail, string where) =>
        new(StatusCodes.Status400BadRequest, CdrFileInvalid, "The CDR file cannot be imported.", detail)
        { Errors = new Dictionary<string, string[]> { [where] = [detail] } };
}
