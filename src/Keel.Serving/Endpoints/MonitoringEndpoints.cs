using System.Globalization;
using System.Text.Json.Nodes;
using Keel.Serving.Inference;
using Keel.Serving.Models;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// What monitoring found for a served model, <c>GET /v2/models/{name}/monitoring[?runs=10&amp;alerts=50]</c> (viewer):
/// the latest runs' summaries, the newest run's whole result (with a <c>rollout</c> section comparing the champion with a
/// shadow or canary on the same traffic, when one ran), the canary rollbacks among the recent alerts, and the recent
/// alerts with their webhook delivery.
/// </summary>
internal static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/models/{name}/monitoring", (HttpContext c, string name, ModelCatalog catalog, CallerCheck callers, IKeelStore store, ServerOptions options) =>
        {
            callers.Require(c, Role.Viewer);
            catalog.RequireKnown(name);
            var runLimit = Count(c, "runs", 10, 100);
            var alertLimit = Count(c, "alerts", 50, 1000);
            IReadOnlyList<MonitoringRun> runs;
            IReadOnlyList<Alert> alerts;
            try
            {
                runs = store.ReadMonitoringRuns(name, runLimit);
                alerts = store.ReadAlerts(name, alertLimit);
            }
            catch (KeelStoreException e) when (!e.Forbidden)
            {
                throw new RequestException(503, $"The store cannot be read right now; try again later: {e.Message}");
            }
            var monitor = options.Monitor;
            return ErrorResponses.Json(c, new
            {
                model = name,
                monitoring = new
                {
                    every_seconds = monitor.Every?.TotalSeconds,
                    window = monitor.Window,
                    min_rows = monitor.MinimumRows,
                    reference = monitor.References.ContainsKey(name),
                    webhook = monitor.AlertWebhook is not null,
                },
                runs = runs.Select(r => new
                {
                    id = r.Id, version = r.Version, from_sequence = r.FromSequence, to_sequence = r.ToSequence, rows = r.Rows,
                    windows = r.Windows, issues = r.Issues, alerts = r.Alerts, at = r.At,
                }),
                latest = runs.Count > 0 ? JsonNode.Parse(runs[0].Result) : null,
                rollbacks = alerts.Where(a => a.Kind == Rollout.Rollouts.AlertKind).Select(a => new { version = a.Version, rule = a.Column, message = a.Message, at = a.At }),
                alerts = alerts.Select(a => new
                {
                    id = a.Id, version = a.Version, kind = a.Kind, column = a.Column, message = a.Message, at = a.At, run = a.RunId,
                    delivered_at = a.DeliveredAt, attempts = a.Attempts, last_error = a.LastError,
                }),
            });
        });
        return app;
    }

    /// <summary>A count from the query string, 1 to <paramref name="max"/>; anything else is a 400 that names the parameter.</summary>
    private static int Count(HttpContext c, string parameter, int fallback, int max)
    {
        var values = c.Request.Query[parameter];
        if (values.Count == 0) return fallback;
        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
        throw RequestException.BadRequest($"Query parameter '{parameter}' must be a whole number from 1 to {max}; it is '{string.Join(",", values.ToArray())}'.");
    }
}
