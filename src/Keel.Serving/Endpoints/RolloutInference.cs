using System.Buffers;
using System.Diagnostics;
using Keel.Learn.Models;
using Keel.Serving.Inference;
using Keel.Serving.Logging;
using Keel.Serving.Models;
using Keel.Serving.Rollout;
using Keel.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Endpoints;

/// <summary>
/// Inference for a model under a rollout. The request is read and checked against the champion first, so a bad
/// request is the client's 4xx in every mode. A canary request (by key, or by order) is then answered by the
/// challenger; if the challenger cannot answer it (its inputs differ, its scoring fails), the failure counts against
/// the canary and the champion answers instead, so no client sees the challenger's fault. After a rollback, or in
/// shadow mode, the champion answers; a shadow request is queued for the challenger after the answer is built.
/// </summary>
internal static class RolloutInference
{
    public static async Task Infer(HttpContext context, RolloutState rollout, long started, InferenceServices s)
    {
        var champion = s.Catalog.Get(rollout.Model);
        var challenger = s.Catalog.Challenger(rollout.Model);
        var generation = challenger is null ? null : rollout.Generation(champion.Version, challenger.Version);
        var request = await InferEndpoints.Read(context, s.Options).ConfigureAwait(false);
        InferenceResponseWriter.CheckRequested(champion, request.Outputs);
        var bound = InputBinder.Bind(champion, request);
        var id = request.Id ?? Guid.NewGuid().ToString("N");

        var fellBack = false;
        if (rollout.Options.Mode == RolloutMode.Canary && generation is { RolledBack: false } && Routed(context, rollout, request))
        {
            if (await TryCanary(context, rollout, generation, challenger!, request, id, started, s).ConfigureAwait(false)) return;
            s.Rollouts.Decide(rollout, generation);
            fellBack = true; // answered by the champion, counted against the canary only
        }

        Predictions predictions;
        try
        {
            var raw = new double[bound.Rows * champion.Model.Predictor.OutputCount];
            await champion.Batcher.Score(bound.Features, bound.Rows, raw).ConfigureAwait(false);
            predictions = champion.Model.FromRaw(raw, bound.Rows, bound.Features, bound.Groups);
        }
        catch (Exception e) when (e is not OperationCanceledException and not RequestException)
        {
            rollout.ChampionCounter.Failed();
            generation?.Champion.Failed();
            throw;
        }
        var latency = await Answer(context, champion, id, predictions, request, started, s).ConfigureAwait(false);
        s.Log.Add(new PendingPrediction(champion.Name, champion.Version, id, s.Clock.GetUtcNow(), latency.TotalMilliseconds, bound, predictions));
        if (fellBack) return;
        rollout.ChampionCounter.Answered(latency.TotalSeconds);
        if (generation is null) return;
        generation.Champion.Answered(latency.TotalMilliseconds);
        generation.Champion.Confidence(predictions);
        var entry = predictions.Labels is { } labels ? rollout.Labels.Remember(id, generation, labels, challenger: false) : null;
        if (rollout.Options.Mode == RolloutMode.Shadow)
            s.Shadow.Enqueue(new ShadowWork(rollout, generation, challenger!, request, id, predictions.Labels, entry));
    }

    /// <summary>Answers with the challenger; false (after counting the failure) when it cannot.</summary>
    private static async Task<bool> TryCanary(HttpContext context, RolloutState rollout, RolloutGeneration generation, ServedModel challenger, InferenceRequest request, string id, long started, InferenceServices s)
    {
        Predictions predictions;
        BoundRequest bound;
        try
        {
            InferenceResponseWriter.CheckRequested(challenger, request.Outputs);
            bound = InputBinder.Bind(challenger, request);
            var raw = new double[bound.Rows * challenger.Model.Predictor.OutputCount];
            await challenger.Batcher.Score(bound.Features, bound.Rows, raw).ConfigureAwait(false);
            predictions = challenger.Model.FromRaw(raw, bound.Rows, bound.Features, bound.Groups);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            rollout.ChallengerCounter.Failed();
            generation.Challenger.Failed();
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Keel.Serving.Rollout")
                .LogDebug("The canary of {Model} (version {Version}) could not answer request {Id}; the champion answers it: {Problem}", challenger.Name, challenger.Version, id, e.Message);
            return false;
        }
        var latency = await Answer(context, challenger, id, predictions, request, started, s).ConfigureAwait(false);
        s.Log.Add(new PendingPrediction(challenger.Name, challenger.Version, id, s.Clock.GetUtcNow(), latency.TotalMilliseconds, bound, predictions, PredictionVariants.Canary));
        rollout.ChallengerCounter.Answered(latency.TotalSeconds);
        generation.Challenger.Answered(latency.TotalMilliseconds);
        generation.Challenger.Confidence(predictions);
        if (predictions.Labels is { } labels) rollout.Labels.Remember(id, generation, labels, challenger: true);
        MaybeDecide(rollout, generation, s);
        return true;
    }

    /// <summary>Applies the rollback rule every eighth canary outcome (the rule sorts recent latencies; not on every request).</summary>
    private static void MaybeDecide(RolloutState rollout, RolloutGeneration generation, InferenceServices s)
    {
        if (Interlocked.Increment(ref generation.DecisionTicks) % 8 == 0) s.Rollouts.Decide(rollout, generation);
    }

    /// <summary>Whether this request goes to the canary: by its key (a header, else the first value of an input) when one is configured and sent, else by order.</summary>
    private static bool Routed(HttpContext context, RolloutState rollout, InferenceRequest request)
    {
        if (rollout.Options.CanaryKey is { } key)
        {
            if (context.Request.Headers.TryGetValue(key, out var header) && header.Count > 0 && !string.IsNullOrEmpty(header[0]))
                return rollout.Router.RouteKey(header[0]!);
            foreach (var input in request.Inputs)
            {
                if (!string.Equals(input.Name, key, StringComparison.Ordinal)) continue;
                if (input.Kind == DataKind.Text && input.Strings.Count > 0 && input.Strings[0] is { } text) return rollout.Router.RouteKey(text);
                if (input.Kind != DataKind.Text && input.Numbers.Count > 0)
                    return rollout.Router.RouteKey(input.Numbers[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return rollout.Router.RouteNext();
    }

    private static async Task<TimeSpan> Answer(HttpContext context, ServedModel model, string id, Predictions predictions, InferenceRequest request, long started, InferenceServices s)
    {
        var response = new ArrayBufferWriter<byte>(256 + 32 * predictions.Rows);
        InferenceResponseWriter.Write(response, model, id, predictions, request.Outputs);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = response.WrittenCount;
        var latency = Stopwatch.GetElapsedTime(started);
        s.Metrics.Latency(model.Name, latency.TotalSeconds);
        await context.Response.Body.WriteAsync(response.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        return latency;
    }
}
