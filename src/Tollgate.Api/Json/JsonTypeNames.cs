using System.Collections;
using System.Text.Json;

namespace Tollgate.Api.Json;

/// <summary>Says in plain words what JSON a .NET type expects, for validation messages.</summary>
public static class JsonTypeNames
{
    public static string Describe(Type type, JsonSerializerOptions options)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>)) type = type.GenericTypeArguments[0];
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return Describe(underlying, options) + " or null";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return "an integer";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(DateOnly)) return "a date (YYYY-MM-DD)";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "a date and time (RFC 3339)";
        if (type == typeof(TimeOnly)) return "a time (HH:MM:SS)";
        if (type == typeof(Guid)) return "a UUID";
        if (type.IsEnum)
        {
            var policy = options.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
            return "one of: " + string.Join(", ", Enum.GetNames(type).Select(policy.ConvertName));
        }
        if (type.IsArray) return "an array of " + Plural(Describe(type.GetElementType()!, options));
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            if (type.GenericTypeArguments.Length == 2) return "an object of " + Plural(Describe(type.GenericTypeArguments[1], options));
            return "an array of " + Plural(Describe(type.GenericTypeArguments[0], options));
        }
        return "an object";
    }

    private static string Plural(string description) =>
        description.StartsWith("a ", StringComparison.Ordinal) ? description[2..] + " values"
        : description.StartsWith("an ", StringComparison.Ordinal) ? description[3..] + " values"
        : description;
}
