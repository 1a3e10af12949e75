using System.Net.Http.Headers;

namespace Tollgate.Testing;

/// <summary>Sends files to the API as a browser's form upload would.</summary>
public static class UploadExtensions
{
    /// <summary>POSTs a multipart/form-data body with the file in field <paramref name="field"/>.</summary>
    public static Task<ApiResponse> UploadAsync(this ApiClient client, string path, byte[] content, string fileName, string field = "file",
        string contentType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, field, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        return client.SendAsync(request);
    }
}
