using Keel.Serving.Logging;
using Keel.Serving.Models;
using Keel.Serving.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>Prometheus metrics, <c>GET /metrics</c> (no key: it holds counts, never inputs or keys).</summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (HttpContext c, ServerMetrics metrics, PredictionLog log, ModelCatalog catalog) =>
        {
            c.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            var figures = new LogFigures(log.Pending, log.Written, log.Dropped, log.StoreErrors);
            return c.Response.WriteAsync(metrics.Render(figures, catalog.Loaded.Select(m => (m.Name, m.Version, m.Reference))));
        });
        return app;
    }
}
