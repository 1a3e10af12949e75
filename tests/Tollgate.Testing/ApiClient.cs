using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace Tollgate.Testing;

/// <summary>A thin JSON client for the Tollgate API over real HTTP, optionally signed in.</summary>
public sealed class ApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? AccessToken { get; set; }
    public string? RefreshToken { get; set; }
    public HttpClient Http => http;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);
    public Task<ApiResponse> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);
    public Task<ApiResponse> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);
    public Task<ApiResponse> PatchAsync(string path, object? body) => SendAsync(HttpMethod.Patch, path, body);
    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body) =>
        SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body, Json), "application/json");

    public async Task<ApiResponse> SendRawAsync(HttpMethod method, string path, string? content, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (AccessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (content is not null) request.Content = new StringContent(content, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        return await SendAsync(request);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        if (AccessToken is not null && request.Headers.Authorization is null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = default(JsonElement);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (text.Length > 0 && mediaType is not null && mediaType.Contains("json", StringComparison.Ordinal))
            json = JsonDocument.Parse(text).RootElement.Clone();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse(response.StatusCode, json, text, headers, mediaType, $"{request.Method} {request.RequestUri}");
    }

    /// <summary>Another client on the same server, signed in as nobody.</summary>
    public ApiClient Anonymous() => new(http);
}

/// <summary>An API answer: status, JSON body (when there is one), headers.</summary>
public sealed record ApiResponse(
    HttpStatusCode Status, JsonElement Json, string Text, IReadOnlyDictionary<string, string> Headers, string? MediaType, string Request)
{
    public JsonElement this[string name] => Json.GetProperty(name);

    public long Id => Json.GetProperty("id").GetInt64();

    /// <summary>The RFC 9457 <c>type</c> of a problem answer.</summary>
    public string? ProblemType => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("type", out var t) ? t.GetString() : null;

    /// <summary>The reasons a problem gives for one field, or none.</summary>
    public string[] ErrorsFor(string field) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var list)
            ? list.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];

    public T As<T>() => Json.Deserialize<T>(ApiClient.Json)!;

    public IReadOnlyList<JsonElement> Items => Json.GetProperty("items").EnumerateArray().ToList();

    /// <summary>Asserts the status, showing the request and body when it differs.</summary>
    public ApiResponse ShouldHave(HttpStatusCode expected)
    {
        Status.ShouldBe(expected, $"{Request} answered {(int)Status}: {Text}");
        return this;
    }

    /// <summary>Asserts an RFC 9457 problem of this status and type.</summary>
    public ApiResponse ShouldBeProblem(HttpStatusCode status, string type)
    {
        ShouldHave(status);
        MediaType.ShouldBe("application/problem+json", $"{Request}: {Text}");
        ProblemType.ShouldBe(type, $"{Request}: {Text}");
        return this;
    }
}
