using System.Buffers;
using System.Diagnostics;
using Keel.Serving.Inference;
using Keel.Serving.Logging;
using Keel.Serving.Models;
using Keel.Serving.Observability;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// OIP inference, <c>POST /v2/models/{name}[/versions/{v}]/infer</c>: read and check the request, featurize it, score
/// it through the model's micro-batcher, answer, and hand the request to the prediction log.
/// </summary>
internal static class InferEndpoints
{
    public static IEndpointRouteBuilder MapInference(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/models/{name}/infer", (HttpContext c, string name, InferenceServices s) => Infer(c, name, null, s));
        app.MapPost("/v2/models/{name}/versions/{version}/infer", (HttpContext c, string name, string version, InferenceServices s) => Infer(c, name, version, s));
        return app;
    }

    private static Task Infer(HttpContext context, string name, string? version, InferenceServices s) =>
        RequestCounting.Count(s.Metrics, s.Catalog, "infer", name, async () =>
        {
            var started = Stopwatch.GetTimestamp();
            s.Callers.Require(context, Role.Predictor);
            if (version is null && s.Rollouts.For(name) is { } rollout)
            {
                await RolloutInference.Infer(context, rollout, started, s).ConfigureAwait(false);
                return;
            }
            var model = s.Catalog.Get(name, version);
            var request = await Read(context, s.Options).ConfigureAwait(false);
            InferenceResponseWriter.CheckRequested(model, request.Outputs);
            var bound = InputBinder.Bind(model, request);

            var raw = new double[bound.Rows * model.Model.Predictor.OutputCount];
            await model.Batcher.Score(bound.Features, bound.Rows, raw).ConfigureAwait(false);
            var predictions = model.Model.FromRaw(raw, bound.Rows, bound.Features, bound.Groups);

            var id = request.Id ?? Guid.NewGuid().ToString("N");
            var response = new ArrayBufferWriter<byte>(256 + 32 * bound.Rows);
            InferenceResponseWriter.Write(response, model, id, predictions, request.Outputs);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = response.WrittenCount;
            var latency = Stopwatch.GetElapsedTime(started);
            s.Log.Add(new PendingPrediction(model.Name, model.Version, id, s.Clock.GetUtcNow(), latency.TotalMilliseconds, bound, predictions));
            s.Metrics.Latency(model.Name, latency.TotalSeconds);
            await context.Response.Body.WriteAsync(response.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        });

    /// <summary>Reads and parses an inference request body (shared with <c>/explain</c>).</summary>
    internal static async Task<InferenceRequest> Read(HttpContext context, ServerOptions options)
    {
        var body = await RequestBody.ReadAll(context, options.MaxBodyBytes).ConfigureAwait(false);
        try { return InferenceRequestReader.Read(body.Buffer); }
        finally { RequestBody.Release(context, body); }
    }
}

/// <summary>What the inference endpoint needs, resolved once.</summary>
internal sealed record InferenceServices(ModelCatalog Catalog, CallerCheck Callers, PredictionLog Log, ServerMetrics Metrics, ServerOptions Options, TimeProvider Clock, Rollout.Rollouts Rollouts, Rollout.ShadowScorer Shadow);
