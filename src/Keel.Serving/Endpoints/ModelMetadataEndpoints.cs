using Keel.Serving.Models;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>OIP model metadata and readiness: <c>GET /v2/models/{name}[/versions/{v}]</c> and <c>.../ready</c>.</summary>
internal static class ModelMetadataEndpoints
{
    public static IEndpointRouteBuilder MapModelMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/models/{name}", (HttpContext c, string name, ModelCatalog catalog, CallerCheck callers) => Metadata(c, name, null, catalog, callers));
        app.MapGet("/v2/models/{name}/versions/{version}", (HttpContext c, string name, string version, ModelCatalog catalog, CallerCheck callers) => Metadata(c, name, version, catalog, callers));
        app.MapGet("/v2/models/{name}/ready", (HttpContext c, string name, ModelCatalog catalog, CallerCheck callers) => Ready(c, name, null, catalog, callers));
        app.MapGet("/v2/models/{name}/versions/{version}/ready", (HttpContext c, string name, string version, ModelCatalog catalog, CallerCheck callers) => Ready(c, name, version, catalog, callers));
        return app;
    }

    private static Task Metadata(HttpContext c, string name, string? version, ModelCatalog catalog, CallerCheck callers)
    {
        callers.Require(c, Role.Viewer);
        var model = catalog.Get(name, version);
        c.Response.ContentType = "application/json";
        return c.Response.Body.WriteAsync(model.MetadataJson).AsTask();
    }

    private static Task Ready(HttpContext c, string name, string? version, ModelCatalog catalog, CallerCheck callers)
    {
        callers.Require(c, Role.Viewer);
        var model = catalog.Get(name, version);
        return ErrorResponses.Json(c, new { name, version = model.VersionText, ready = true });
    }
}
