using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>One Server-Sent Events message: its id, its event type (null for a plain message), its data.</summary>
public sealed record SseMessage(string? Id, string? Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public string? CallId => Event is null ? Json.GetProperty("callId").GetString() : null;

    public string? State => Event is null ? Json.GetProperty("state").GetString() : null;

    public override string ToString() => $"{Id} {Event} {Data}";
}

/// <summary>Reads <c>GET /api/v1/calls/events</c> as a browser's EventSource would, over a real HTTP connection.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<SseMessage> _messages = Channel.CreateUnbounded<SseMessage>();
    private readonly List<string> _comments = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _commented = new(0);
    private readonly Task _reading;

    private EventStreamReader(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Completes when the server ends the stream.</summary>
    public Task Closed => _reading;

    /// <summary>The comment lines the server sent so far (heartbeats, the reason it closed the stream).</summary>
    public IReadOnlyList<string> Comments
    {
        get { lock (_comments) return [.. _comments]; }
    }

    /// <summary>Waits until a comment containing <paramref name="text"/> has arrived (woken by each comment, never by time).</summary>
    public async Task WaitForCommentAsync(string text, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        while (!Comments.Any(c => c.Contains(text, StringComparison.Ordinal)))
        {
            try
            {
                await _commented.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No comment with '{text}' arrived; comments: {string.Join(" | ", Comments)}");
            }
        }
    }

    public static async Task<EventStreamReader> OpenAsync(ApiClient client, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/calls/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await DescribeAsync(response));
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/event-stream");
        return new EventStreamReader(response);
    }

    /// <summary>The next message that <paramref name="match"/> accepts (others are skipped); fails after <paramref name="limit"/>.</summary>
    public async Task<SseMessage> NextAsync(Func<SseMessage, bool>? match = null, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        var skipped = new List<SseMessage>();
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(timeout.Token);
                if (match is null || match(message)) return message;
                skipped.Add(message);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching event arrived; seen instead: {string.Join(" | ", skipped)}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The stream ended; seen: {string.Join(" | ", skipped)}; comments: {string.Join(" | ", Comments)}");
        }
    }

    /// <summary>The next event of call <paramref name="callId"/>, whatever its state.</summary>
    public Task<SseMessage> NextOfAsync(string callId) => NextAsync(m => m.Event is null && m.CallId == callId);

    /// <summary>Messages already received and not yet read.</summary>
    public IReadOnlyList<SseMessage> Pending()
    {
        var pending = new List<SseMessage>();
        while (_messages.Reader.TryRead(out var message)) pending.Add(message);
        return pending;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // Cancelling the read ends it.
        }

        _response.Dispose();

        _stop.Dispose();
        _commented.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(body);
            string? id = null, type = null;
            var data = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Count > 0) _messages.Writer.TryWrite(new SseMessage(id, type, string.Join('\n', data)));
                    (id, type) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith(':'))
                {
                    lock (_comments) _comments.Add(line[1..].Trim());
                    _commented.Release();
                }
                else
                {
                    var colon = line.IndexOf(':');
                    var field = colon < 0 ? line : line[..colon];
                    var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
                    if (field == "data") data.Add(value);
                    else if (field == "id") id = value;
                    else if (field == "event") type = value;
                }
            }
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
}
