using System.Text.Json;
using Keel.Serving.Inference;
using Keel.Serving.Models;
using Keel.Serving.Observability;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// Ground truth by request id, <c>POST /v2/models/{name}/feedback</c>, for performance monitoring once labels arrive:
/// <c>{"id": "req-1", "label": "Yes"}</c> or <c>{"feedback": [{"id": ..., "label": ...}, ...]}</c>. A label is any
/// JSON value (one per row for a request of several rows). Answers how many were accepted and how many match a
/// logged prediction. Labels of requests under a rollout also score the champion and the challenger
/// (<c>GET /v2/models/{name}/rollout</c>) and may roll a canary back.
/// </summary>
internal static class FeedbackEndpoints
{
    private const int MaxItems = 100_000;

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/models/{name}/feedback", (HttpContext c, string name, ModelCatalog catalog, CallerCheck callers, IKeelStore store, ServerOptions options, ServerMetrics metrics, TimeProvider clock, Rollout.Rollouts rollouts) =>
            RequestCounting.Count(metrics, catalog, "feedback", name, async () =>
            {
                var caller = callers.Require(c, Role.Predictor);
                catalog.RequireKnown(name);
                var body = await RequestBody.ReadAll(c, options.MaxBodyBytes).ConfigureAwait(false);
                List<Feedback> items;
                try { items = Parse(body.Buffer, name, caller.Name, clock.GetUtcNow()); }
                finally { RequestBody.Release(c, body); }
                int matched;
                try { matched = store.LogFeedback(items); }
                catch (KeelStoreException e) when (!e.Forbidden) { throw new RequestException(503, $"The store cannot take feedback right now; send it again later: {e.Message}"); }
                rollouts.Feedback(name, items);
                await ErrorResponses.Json(c, new { accepted = items.Count, matched }).ConfigureAwait(false);
            }));
        return app;
    }

    private static List<Feedback> Parse(System.Buffers.ReadOnlySequence<byte> body, string model, string actor, DateTimeOffset at)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = InferenceRequestReader.MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw RequestException.BadRequest($"The feedback is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw RequestException.BadRequest("Feedback is a JSON object: {\"id\": \"<request id>\", \"label\": <value>} or {\"feedback\": [...]}.");
            var list = root.TryGetProperty("feedback", out var many) ? many : default;
            if (list.ValueKind == JsonValueKind.Undefined) return [Item(root, 0)];
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0) throw RequestException.BadRequest("\"feedback\" must be a non-empty array of {\"id\", \"label\"} objects.");
            if (list.GetArrayLength() > MaxItems) throw RequestException.BadRequest($"Send at most {MaxItems} feedback items per request.");
            return list.EnumerateArray().Select(Item).ToList();
        }

        Feedback Item(JsonElement e, int i)
        {
            var where = e.ValueKind == JsonValueKind.Object ? $"feedback[{i}]" : "the feedback";
            if (e.ValueKind != JsonValueKind.Object) throw RequestException.BadRequest($"feedback[{i}] must be an object with \"id\" and \"label\".");
            if (!e.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
                throw RequestException.BadRequest($"{where} needs \"id\": the id of the inference request (echoed in its response).");
            if (!e.TryGetProperty("label", out var label) || label.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                throw RequestException.BadRequest($"{where} needs \"label\": the true value (one per row for a request of several rows).");
            return new Feedback(model, id.GetString()!, label.GetRawText(), at, actor);
        }
    }
}
