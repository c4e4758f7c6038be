using Keel.Serving.Inference;
using Keel.Serving.Models;
using Keel.Serving.Rollout;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// A model's rollout, <c>GET /v2/models/{name}/rollout</c> (viewer): mode, share and key, the versions, each side's
/// requests, error rate, p95 latency, labelled and expected accuracy, the shadow's agreement with the champion, the
/// state (active or rolled back, when and why), the thresholds, and the rollbacks since the server started.
/// </summary>
internal static class RolloutEndpoints
{
    public static IEndpointRouteBuilder MapRollout(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/models/{name}/rollout", (HttpContext c, string name, ModelCatalog catalog, CallerCheck callers, Rollouts rollouts, ShadowScorer shadow) =>
        {
            callers.Require(c, Role.Viewer);
            catalog.RequireKnown(name);
            if (rollouts.For(name) is not { } state)
                throw RequestException.NotFound($"Model '{name}' has no rollout on this server; start it with --shadow {name}@challenger or --canary {name}@challenger.");
            return ErrorResponses.Json(c, Describe(state, catalog, shadow));
        });
        return app;
    }

    private static object Describe(RolloutState state, ModelCatalog catalog, ShadowScorer shadow)
    {
        var options = state.Options;
        var generation = state.Latest;
        var champion = generation?.Champion.Snapshot();
        var challenger = generation?.Challenger.Snapshot();
        var (compared, agreed) = generation?.Agreement ?? (0, 0);
        var canary = options.Mode == RolloutMode.Canary;
        return new
        {
            model = state.Model,
            mode = state.Variant,
            state = generation?.RolledBack == true ? "rolled_back" : "active",
            share = canary ? options.CanaryShare : (double?)null,
            key = canary ? options.CanaryKey : null,
            champion = Side(catalog.Get(state.Model).Version, champion),
            challenger = Side(catalog.Challenger(state.Model)?.Version, challenger, options.Challenger.Reference),
            agreement = canary ? null : new { rows = compared, agreed, rate = compared == 0 ? (double?)null : (double)agreed / compared },
            shadow_queue = canary ? null : new { queued = shadow.Queued, dropped = state.ShadowDropped, capacity = options.ShadowQueueCapacity },
            since = generation?.Started,
            rolled_back = generation?.Rollback is { } r ? Describe(r) : null,
            thresholds = canary
                ? new
                {
                    error_rate = options.RollbackErrorRate, latency_ratio = options.RollbackLatencyRatio, latency_floor_ms = RollbackRule.LatencyFloorMs,
                    min_requests = options.RollbackMinRequests, metric_drop = options.RollbackMetricDrop, min_labels = options.RollbackMinLabels,
                }
                : null,
            rollbacks = state.Rollbacks.Select(Describe),
        };
    }

    private static object Describe(Rollback r) => new
    {
        at = r.At, rule = r.Rule, reason = r.Reason, champion_version = r.ChampionVersion, challenger_version = r.ChallengerVersion,
    };

    private static object Side(int? version, VariantSnapshot? figures, string? reference = null) => new
    {
        version,
        reference,
        requests = figures?.Requests ?? 0,
        errors = figures?.Errors ?? 0,
        error_rate = figures?.ErrorRate ?? 0,
        latency_p95_ms = figures?.LatencyP95Ms ?? 0,
        labelled_rows = figures?.Labelled ?? 0,
        accuracy = figures is { Labelled: > 0 } f ? f.Accuracy : (double?)null,
        expected_accuracy = figures is { } e && double.IsFinite(e.ExpectedAccuracy) ? e.ExpectedAccuracy : (double?)null,
    };
}
