using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>OIP server metadata, <c>GET /v2</c>: name, version and the extensions this server adds.</summary>
internal static class ServerMetadataEndpoints
{
    public static string Version { get; } = typeof(ServerMetadataEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static IEndpointRouteBuilder MapServerMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2", (HttpContext c, CallerCheck callers) =>
        {
            callers.Require(c, Role.Viewer);
            return ErrorResponses.Json(c, new { name = "keel", version = Version, extensions = new[] { "model_repository", "explain", "feedback", "metrics", "monitoring", "rollout" } });
        });
        return app;
    }
}
