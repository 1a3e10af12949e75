using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Tollgate.Api.Problems;

/// <summary>An expected failure as a value: what went wrong, for which fields, and how it maps to HTTP.</summary>
/// <remarks>
/// Handlers and domain services return these; <see cref="ToResult"/> is the one place they become RFC 9457
/// <c>application/problem+json</c>. <see cref="Errors"/> names each offending field (JSON path, query parameter or
/// "row N, column X" for files) with every reason, so a client can show all problems at once.
/// </remarks>
public sealed record Problem(int Status, string Type, string Title, string? Detail = null)
{
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Additional members of the problem object (for example the missing permission).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public ProblemHttpResult ToResult() => TypedResults.Problem(ToDetails());

    public ProblemDetails ToDetails()
    {
        var details = new ProblemDetails { Status = Status, Type = Type, Title = Title, Detail = Detail };
        if (Errors is { Count: > 0 }) details.Extensions["errors"] = Errors;
        if (Extensions is not null)
            foreach (var (key, value) in Extensions) details.Extensions[key] = value;
        return details;
    }

    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.",
            detail ?? Summarize(errors)) { Errors = errors };

    public static Problem Validation(string field, string reason) =>
        Validation(new Dictionary<string, string[]> { [field] = [reason] });

    public static Problem NotFound(string what, object id) =>
        new(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", $"There is no {what} {id}.");

    /// <summary>A reference in the request body names an object that does not exist or is outside the caller's scope.</summary>
    public static Problem ReferenceNotFound(string field, string what, object id) =>
        NotFound(what, id) with { Errors = new Dictionary<string, string[]> { [field] = [$"there is no {what} {id}"] } };

    public static Problem Duplicate(string field, string detail) =>
        new(StatusCodes.Status409Conflict, ProblemTypes.Duplicate, "It already exists.", detail)
        { Errors = new Dictionary<string, string[]> { [field] = [detail] } };

    public static Problem Conflict(string detail) =>
        new(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "The request conflicts with the current state.", detail);

    public static Problem Unprocessable(string detail, string? field = null) =>
        new(StatusCodes.Status422UnprocessableEntity, ProblemTypes.Unprocessable, "The request cannot be carried out.", detail)
        { Errors = field is null ? null : new Dictionary<string, string[]> { [field] = [detail] } };

    public static Problem Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Not allowed.", detail);

    private static string Summarize(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}

/// <summary>Carries a <see cref="Problem"/> out of code that cannot return one (model binding, middleware).</summary>
public sealed class ProblemException(Problem problem) : Exception(problem.Detail ?? problem.Title)
{
    public Problem Problem { get; } = problem;
}
