using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tollgate.Api.Json;

/// <summary>A member of a PATCH body that may be absent (leave as is), null (clear) or a value (set).</summary>
[JsonConverter(typeof(OptionalConverterFactory))]
public readonly struct Optional<T>
{
    public Optional(T value)
    {
        HasValue = true;
        Value = value;
    }

    /// <summary>Whether the member was present in the body.</summary>
    public bool HasValue { get; }

    public T Value { get; }

    /// <summary>The new value when present, otherwise <paramref name="current"/>.</summary>
    public T Or(T current) => HasValue ? Value : current;

    public override string ToString() => HasValue ? $"{Value}" : "(absent)";
}

/// <summary>Reads <see cref="Optional{T}"/>: the converter runs only when the member is present, so absence stays default.</summary>
public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GenericTypeArguments[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<T>(ref reader, options)!);

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.HasValue) JsonSerializer.Serialize(writer, value.Value, options);
            else writer.WriteNullValue();
        }
    }
}
