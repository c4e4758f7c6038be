using Keel.Serving.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>OIP health: <c>GET /v2/health/live</c> (the process answers) and <c>/v2/health/ready</c> (every model is loaded). No key needed.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", (HttpContext c) => ErrorResponses.Json(c, new { live = true }));
        app.MapGet("/v2/health/ready", (HttpContext c, ModelCatalog catalog) =>
            ErrorResponses.Json(c, new { ready = catalog.AllReady }, catalog.AllReady ? 200 : 503));
        return app;
    }
}
