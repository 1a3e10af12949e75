using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Json;

/// <summary>The <c>limit</c> and <c>offset</c> query parameters of every list endpoint.</summary>
/// <remarks><c>limit</c> defaults to 50 and may be 1–1000; <c>offset</c> defaults to 0. Bad values are a 400 naming the parameter.</remarks>
public sealed record Paging(int Limit, int Offset) : IBindableFromHttpContext<Paging>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static ValueTask<Paging?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var errors = new ValidationErrors();
        var limit = Read(context, "limit", DefaultLimit, 1, MaxLimit, errors);
        var offset = Read(context, "offset", 0, 0, int.MaxValue, errors);
        if (errors.Any) throw new ProblemException(errors.ToProblem());
        return ValueTask.FromResult<Paging?>(new Paging(limit, offset));
    }

    /// <summary>Counts the query and reads one page of it, mapped to responses.</summary>
    public async Task<Page<TOut>> ReadAsync<TIn, TOut>(IQueryable<TIn> query, Func<TIn, TOut> map, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = total <= Offset ? [] : await query.Skip(Offset).Take(Limit).ToListAsync(ct);
        return new Page<TOut>(items.Select(map).ToList(), total, Limit, Offset);
    }

    private static int Read(HttpContext context, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        var raw = context.Request.Query[name];
        if (raw.Count == 0 || string.IsNullOrEmpty(raw[0])) return fallback;
        if (!int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, max == int.MaxValue ? $"must be an integer of at least {min}" : $"must be an integer from {min} to {max}");
            return fallback;
        }
        return value;
    }
}

/// <summary>One page of a list: the items, how many there are in all, and where this page starts.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Limit, int Offset);
