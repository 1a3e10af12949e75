using System.Text.Json;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Json;

/// <summary>Reads query parameters the way the JSON bodies read the same values, with errors naming the parameter.</summary>
public static class Query
{
    /// <summary>An enum by its camelCase JSON name (letter case ignored; numbers refused), or null when absent.</summary>
    public static T? Enum<T>(string? value, string parameter) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        foreach (var name in System.Enum.GetNames<T>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) return System.Enum.Parse<T>(name);
        }
        throw new ProblemException(Problem.Validation(parameter,
            $"must be one of: {string.Join(", ", System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}"));
    }
}
