using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Json;

/// <summary>A JSON request body, read and checked as a whole before a handler sees it.</summary>
/// <remarks>
/// <para>
/// Unlike plain model binding, which stops at the first error, this reports every problem at once: malformed JSON (with
/// line and position), unknown members, members of the wrong type, missing required members, then the body's own rules
/// (<see cref="IValidatable"/>). Each problem names its field. The body is limited to
/// <see cref="JsonBodyOptions.MaxBytes"/>.
/// </para>
/// <para><see cref="Has"/> tells whether a member was present, which PATCH handlers use with <see cref="Optional{T}"/>.</para>
/// </remarks>
public sealed class Body<T> : IBindableFromHttpContext<Body<T>>, IEndpointParameterMetadataProvider where T : class
{
    private readonly HashSet<string> _present;

    private Body(T value, HashSet<string> present)
    {
        Value = value;
        _present = present;
    }

    public T Value { get; }

    /// <summary>Whether the body had this member (by its JSON name).</summary>
    public bool Has(string jsonName) => _present.Contains(jsonName);

    public static async ValueTask<Body<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var jsonOptions = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var limits = context.RequestServices.GetRequiredService<IOptions<JsonBodyOptions>>().Value;
        if (!context.Request.HasJsonContentType())
            throw new ProblemException(new Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "The body must be JSON.", "Send the body with Content-Type: application/json."));

        using var document = await ReadDocumentAsync(context.Request, limits.MaxBytes, context.RequestAborted);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ProblemException(new Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedJson,
                "The body is not a JSON object.", $"Expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."));

        var errors = new ValidationErrors();
        var present = CheckMembers(document.RootElement, jsonOptions, errors);
        if (errors.Any) throw new ProblemException(errors.ToProblem());

        var value = document.RootElement.Deserialize<T>(jsonOptions)
                    ?? throw new ProblemException(Problem.Validation("", "must not be null"));
        if (value is IValidatable validatable)
        {
            validatable.Validate(errors);
            if (errors.Any) throw new ProblemException(errors.ToProblem());
        }
        return new Body<T>(value, present);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));

    private static async Task<JsonDocument> ReadDocumentAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, ct);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) throw TooLarge(maxBytes);
        }
        if (buffer.WrittenCount == 0)
            throw new ProblemException(new Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedJson,
                "The body is empty.", "Expected a JSON object."));
        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new ProblemException(new Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedJson,
                "The body is not valid JSON.",
                $"Invalid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}."));
        }
    }

    private static ProblemException TooLarge(int maxBytes) =>
        new(new Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The body is too large.",
            $"A JSON body may be at most {maxBytes} bytes."));

    private static HashSet<string> CheckMembers(JsonElement root, JsonSerializerOptions options, ValidationErrors errors)
    {
        var info = options.GetTypeInfo(typeof(T));
        var byName = new Dictionary<string, JsonPropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in info.Properties) byName[property.Name] = property;

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (!byName.TryGetValue(member.Name, out var property))
            {
                errors.Add(member.Name, "is not a known field");
                continue;
            }
            present.Add(property.Name);
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                if (IsOptional(property.PropertyType) ? !AcceptsNull(property.PropertyType.GenericTypeArguments[0]) : !property.IsSetNullable)
                    errors.Add(property.Name, "must not be null");
                continue;
            }
            try
            {
                member.Value.Deserialize(property.PropertyType, options);
            }
            catch (JsonException e)
            {
                var inner = e.Path is { Length: > 1 } path && path != "$" ? path[1..] : "";
                errors.Add(property.Name + inner, "must be " + JsonTypeNames.Describe(property.PropertyType, options));
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
            {
                errors.Add(property.Name, "must be " + JsonTypeNames.Describe(property.PropertyType, options));
            }
        }
        foreach (var property in info.Properties)
        {
            if (property.IsRequired && !present.Contains(property.Name)) errors.Add(property.Name, "is required");
        }
        return present;
    }

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    // Optional<long> or Optional<SomeEnum> cannot hold null (it would fail later, as a 500); Optional<long?> and
    // reference types can, and the body's own rules decide whether null is acceptable there.
    private static bool AcceptsNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
}

/// <summary>Limits for JSON request bodies.</summary>
public sealed class JsonBodyOptions
{
    /// <summary>The largest JSON body accepted, in bytes (1 MiB unless configured).</summary>
    public int MaxBytes { get; set; } = 1 << 20;
}
