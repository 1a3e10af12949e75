using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tollgate.Api.Problems;

/// <summary>Makes every error response an RFC 9457 problem with a stable type, whatever produced it.</summary>
/// <remarks>
/// Handlers return problems as values; what escapes as an exception is mapped here: <see cref="ProblemException"/> as
/// it is, a failed parameter binding as a validation problem naming the parameter, an oversized body as 413, anything
/// else as 500 (logged, with no internals in the answer). Empty 404/405 responses from routing get a problem body too.
/// </remarks>
public static partial class ProblemHandling
{
    public static IServiceCollection AddTollgateProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            details.Type = details.Type is null || details.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal)
                ? DefaultType(details.Status ?? context.HttpContext.Response.StatusCode)
                : details.Type;
            details.Instance ??= context.HttpContext.Request.Path;
            details.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });

    public static void UseTollgateProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => ProblemFor(e, null).Status,
            ExceptionHandler = async http =>
            {
                var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tollgate.Api.Errors");
                var problem = ProblemFor(exception, log);
                http.Response.StatusCode = problem.Status;
                await problem.ToResult().ExecuteAsync(http);
            },
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var problem = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => new Problem(404, ProblemTypes.RouteNotFound, "No such route.",
                    $"Nothing answers {http.Request.Method} {http.Request.Path}; see /docs for the API."),
                StatusCodes.Status405MethodNotAllowed => new Problem(405, ProblemTypes.MethodNotAllowed, "Method not allowed.",
                    $"{http.Request.Method} is not supported on {http.Request.Path}."),
                StatusCodes.Status401Unauthorized => await Auth.AuthServices.UnauthorizedAsync(http, null),
                var status => new Problem(status, DefaultType(status), ReasonPhrase(status)),
            };
            await problem.ToResult().ExecuteAsync(http);
        });
    }

    private static Problem ProblemFor(Exception? exception, ILogger? log)
    {
        switch (exception)
        {
            case ProblemException p:
                return p.Problem;
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return new Problem(413, ProblemTypes.PayloadTooLarge, "The body is too large.", "The request body exceeds the allowed size.");
            case BadHttpRequestException { InnerException: JsonException }:
                return new Problem(400, ProblemTypes.MalformedJson, "The body is not valid JSON.", exception.InnerException!.Message);
            case BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } m:
                return Problem.Validation(m.Groups["name"].Value,
                    $"'{m.Groups["value"].Value}' is not {Json.JsonTypeNames.Describe(TypeOf(m.Groups["type"].Value), JsonSerializerOptions.Web)}");
            case BadHttpRequestException bad when RequiredParameter().Match(bad.Message) is { Success: true } m:
                return Problem.Validation(m.Groups["name"].Value, "is required");
            case BadHttpRequestException bad:
                return new Problem(bad.StatusCode, DefaultType(bad.StatusCode), ReasonPhrase(bad.StatusCode), bad.Message);
            case OperationCanceledException:
                return new Problem(499, ProblemTypes.Unavailable, "The request was cancelled.");
            default:
                if (exception is not null && log is not null) LogUnhandled(log, exception);
                return new Problem(500, ProblemTypes.Internal, "Something went wrong on our side.",
                    "The error was logged with this response's traceId.");
        }
    }

    private static Type TypeOf(string name) => name.TrimEnd('?') switch
    {
        "int" or "long" or "Int32" or "Int64" => typeof(long),
        "decimal" or "Decimal" or "double" => typeof(decimal),
        "bool" or "Boolean" => typeof(bool),
        "DateOnly" => typeof(DateOnly),
        "DateTime" or "DateTimeOffset" => typeof(DateTime),
        "Guid" => typeof(Guid),
        _ => typeof(string),
    };

    private static string DefaultType(int status) => status switch
    {
        400 => ProblemTypes.Validation,
        401 => ProblemTypes.Unauthorized,
        403 => ProblemTypes.Forbidden,
        404 => ProblemTypes.NotFound,
        405 => ProblemTypes.MethodNotAllowed,
        409 => ProblemTypes.Conflict,
        413 => ProblemTypes.PayloadTooLarge,
        415 => ProblemTypes.UnsupportedMediaType,
        422 => ProblemTypes.Unprocessable,
        503 => ProblemTypes.Unavailable,
        _ => status >= 500 ? ProblemTypes.Internal : ProblemTypes.Base + status,
    };

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    // Failed to bind parameter "long? resellerId" from "abc".
    [GeneratedRegex("""Failed to bind parameter "(?<type>[\w.?<>]+) (?<name>\w+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex BindFailure();

    // Required parameter "long id" was not provided from route.
    [GeneratedRegex("""Required parameter "(?<type>[\w.?<>]+) (?<name>\w+)" was not provided""")]
    private static partial Regex RequiredParameter();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
