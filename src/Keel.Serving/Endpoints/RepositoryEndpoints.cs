using Keel.Serving.Models;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// The model repository extension (as Triton names it): <c>POST /v2/repository/index</c> lists the served models;
/// <c>POST /v2/repository/models/{name}/load</c> re-resolves a model's alias now instead of at the next refresh (deployer).
/// </summary>
internal static class RepositoryEndpoints
{
    public static IEndpointRouteBuilder MapRepository(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/repository/index", (HttpContext c, ModelCatalog catalog, CallerCheck callers) =>
        {
            callers.Require(c, Role.Viewer);
            return ErrorResponses.Json(c, catalog.Names.Order(StringComparer.Ordinal).Select(n =>
            {
                var loaded = catalog.Loaded.FirstOrDefault(m => m.Name == n);
                return new { name = n, version = loaded?.VersionText, state = loaded is null ? "UNAVAILABLE" : "READY" };
            }));
        });
        app.MapPost("/v2/repository/models/{name}/load", async (HttpContext c, string name, ModelCatalog catalog, CallerCheck callers) =>
        {
            callers.Require(c, Role.Deployer);
            ServedModel model;
            try { model = await catalog.Reload(name, c.RequestAborted).ConfigureAwait(false); }
            catch (InvalidOperationException e) { throw new Inference.RequestException(409, e.Message); }
            await ErrorResponses.Json(c, new { name, version = model.VersionText, reference = model.Reference }).ConfigureAwait(false);
        });
        return app;
    }
}
