using System.Globalization;
using System.Text.Json;
using Keel.Anomaly.Streaming;
using Keel.Serving.Detectors;
using Keel.Serving.Inference;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// Streaming anomaly detection: <c>GET /v2/detectors</c> (viewer) lists the named detectors the server keeps;
/// <c>POST /v2/detectors/{name}/points</c> (predictor) with <c>{"points": [{"timestamp": "2024-01-01T00:00:00Z", "value": 1.5}, ...]}</c>
/// scores each point against what the detector has learned, then learns it (in the order given), and answers each
/// point's score and whether it reaches the detector's threshold. A request is checked whole before any point is
/// learned: a value that is not a finite number, a timestamp that does not parse or goes backwards is refused (400)
/// and the detector is left as it was.
/// </summary>
internal static class DetectorEndpoints
{
    private const int MaxPoints = 100_000;

    public static IEndpointRouteBuilder MapDetectors(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/detectors", (HttpContext c, DetectorCatalog detectors, CallerCheck callers) =>
        {
            callers.Require(c, Role.Viewer);
            return ErrorResponses.Json(c, new
            {
                detectors = detectors.All.Select(slot =>
                {
                    lock (slot.Gate)
                        return new
                        {
                            name = slot.Spec.Name,
                            detector = slot.Spec.Detector,
                            settings = slot.Spec.Settings,
                            threshold = slot.Spec.Threshold,
                            points = slot.Detector.Learned,
                            anomalies = slot.Anomalies,
                            last_timestamp = slot.LastTimestamp is { } t ? Stamp(t) : null,
                        };
                }).ToList(),
            });
        });

        app.MapPost("/v2/detectors/{name}/points", async (HttpContext c, string name, DetectorCatalog detectors, CallerCheck callers, ServerOptions options) =>
        {
            callers.Require(c, Role.Predictor);
            var slot = detectors.Get(name);
            var body = await RequestBody.ReadAll(c, options.MaxBodyBytes).ConfigureAwait(false);
            SeriesPoint[] points;
            try { points = Parse(body.Buffer); }
            finally { RequestBody.Release(c, body); }

            var scores = new double[points.Length];
            lock (slot.Gate)
            {
                if (slot.LastTimestamp is { } last && points[0].Timestamp < last)
                    throw RequestException.BadRequest($"points[0] has timestamp {Stamp(points[0].Timestamp)}, before the last point detector '{name}' learned ({Stamp(last)}); send points in time order.");
                for (var i = 0; i < points.Length; i++)
                {
                    scores[i] = slot.Detector.Score(points[i]);
                    slot.Detector.Learn(points[i]);
                    if (scores[i] >= slot.Spec.Threshold) slot.Anomalies++;
                }
                slot.LastTimestamp = points[^1].Timestamp;
            }
            await ErrorResponses.Json(c, new
            {
                detector = name,
                threshold = slot.Spec.Threshold,
                scores = points.Select((p, i) => new { timestamp = Stamp(p.Timestamp), value = p.Value, score = scores[i], is_anomaly = scores[i] >= slot.Spec.Threshold }),
            }).ConfigureAwait(false);
        });
        return app;
    }

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The points of a request, checked whole: each a finite value and a timestamp, in time order.</summary>
    private static SeriesPoint[] Parse(System.Buffers.ReadOnlySequence<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = InferenceRequestReader.MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw RequestException.BadRequest($"The request is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("points", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw RequestException.BadRequest("Send {\"points\": [{\"timestamp\": \"2024-01-01T00:00:00Z\", \"value\": 1.5}, ...]} with at least one point.");
            if (list.GetArrayLength() > MaxPoints) throw RequestException.BadRequest($"Send at most {MaxPoints} points per request.");
            var points = new SeriesPoint[list.GetArrayLength()];
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) throw RequestException.BadRequest($"points[{i}] must be an object with \"timestamp\" and \"value\".");
                if (!item.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value) || !double.IsFinite(value))
                    throw RequestException.BadRequest($"points[{i}].value must be a finite number; it is {(item.TryGetProperty("value", out var raw) ? raw.GetRawText() : "missing")}.");
                if (!item.TryGetProperty("timestamp", out var t) || t.ValueKind != JsonValueKind.String
                    || !DateTime.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                    throw RequestException.BadRequest($"points[{i}].timestamp must be an ISO 8601 date and time, e.g. \"2024-01-31T08:00:00Z\"; it is {(item.TryGetProperty("timestamp", out var rawTime) ? rawTime.GetRawText() : "missing")}.");
                time = DateTime.SpecifyKind(time, DateTimeKind.Utc);
                if (i > 0 && time < points[i - 1].Timestamp)
                    throw RequestException.BadRequest($"points[{i}].timestamp {Stamp(time)} is before points[{i - 1}]'s ({Stamp(points[i - 1].Timestamp)}); send points in time order.");
                points[i++] = new SeriesPoint(time, value);
            }
            return points;
        }
    }
}
