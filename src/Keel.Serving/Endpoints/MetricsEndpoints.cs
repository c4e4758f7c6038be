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
        app.MapGet("/metrics", (HttpContext c, ServerMetrics metrics, PredictionLog log, ModelCatalog catalog, Rollout.Rollouts rollouts) =>
        {
            c.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            var figures = new LogFigures(log.Pending, log.Written, log.Dropped, log.StoreErrors);
            var text = metrics.Render(figures, catalog.Loaded.Select(m => (m.Name, m.Version, m.Reference)));
            if (rollouts.State is null) return c.Response.WriteAsync(text);
            var all = new System.Text.StringBuilder(text);
            rollouts.Render(all);
            return c.Response.WriteAsync(all.ToString());
        });
        return app;
    }
}
