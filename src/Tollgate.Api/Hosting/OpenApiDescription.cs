using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tollgate.Api.Hosting;

/// <summary>Describes the API as a whole in the OpenAPI document: what it is and how to authenticate.</summary>
internal sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Tollgate API",
            Version = "v1",
            Description = "Billing, IP Centrex self-care and switch APIs of a VoIP service provider. Sign in with " +
                          "POST /api/v1/auth/login and send the access token as 'Authorization: Bearer …'. Errors are " +
                          "RFC 9457 problem details with a stable 'type'.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/login.",
        };
        return Task.CompletedTask;
    }
}
