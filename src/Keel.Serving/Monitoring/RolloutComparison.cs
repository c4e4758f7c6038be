using System.Text.Json;
using System.Text.Json.Nodes;
using Keel.Serving.Rollout;
using Keel.Store;

namespace Keel.Serving.Monitoring;

/// <summary>One side of a rollout over a stretch of the prediction log: its variant and version, requests, rows, latency, and accuracy where labels arrived.</summary>
internal sealed record LoggedSide(string Variant, int Version, int Requests, int Rows, double MeanLatencyMs, double LatencyP95Ms, int LabelledRows, double? Accuracy);

/// <summary>How often a shadow's predicted labels agree with the champion's on the same requests (joined by request id).</summary>
internal sealed record LoggedAgreement(int Version, int Rows, int Agreed)
{
    public double? Rate => Rows == 0 ? null : (double)Agreed / Rows;
}

/// <summary>The rollout section of a monitoring run: the champion and each challenger side on the same stretch of logged traffic.</summary>
internal sealed record RolloutComparisonResult(LoggedSide Champion, IReadOnlyList<LoggedSide> Challengers, IReadOnlyList<LoggedAgreement> Agreement);

/// <summary>
/// Compares the champion with the shadow or canary entries logged in the same stretch of the prediction log: latency
/// (mean and p95 of the logged latencies), accuracy on the rows whose labels arrived as feedback (classifiers: the
/// logged <c>label</c> against the feedback; a request whose feedback has another number of labels is left out),
/// and for a shadow the agreement with the champion's labels on the requests both scored.
/// </summary>
internal static class RolloutComparison
{
    public static RolloutComparisonResult Compare(IReadOnlyList<PredictionRecord> champion, IReadOnlyList<PredictionRecord> rollout, IReadOnlyDictionary<string, string> labels)
    {
        var championLabels = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        foreach (var entry in champion) championLabels.TryAdd(entry.RequestId, Predicted(entry.Outputs)); // a reused id: its first answer
        var challengers = rollout.GroupBy(e => (e.Variant, e.Version)).OrderBy(g => g.Key.Variant, StringComparer.Ordinal).ThenBy(g => g.Key.Version).ToList();
        var agreement = new List<LoggedAgreement>();
        foreach (var group in challengers.Where(g => g.Key.Variant == PredictionVariants.Shadow))
        {
            int rows = 0, agreed = 0;
            foreach (var entry in group)
            {
                if (!championLabels.TryGetValue(entry.RequestId, out var answered) || answered is null || Predicted(entry.Outputs) is not { } shadow || shadow.Length != answered.Length) continue;
                rows += shadow.Length;
                for (var i = 0; i < shadow.Length; i++) if (shadow[i] == answered[i]) agreed++;
            }
            agreement.Add(new LoggedAgreement(group.Key.Version, rows, agreed));
        }
        return new RolloutComparisonResult(
            Side(PredictionVariants.Champion, champion.Count > 0 ? champion[0].Version : 0, champion, labels),
            challengers.Select(g => Side(g.Key.Variant, g.Key.Version, g.ToList(), labels)).ToList(),
            agreement);
    }

    /// <summary>Adds the comparison to a monitoring run's result JSON as <c>rollout</c>.</summary>
    public static string AddTo(string resultJson, RolloutComparisonResult comparison)
    {
        var node = JsonNode.Parse(resultJson)!.AsObject();
        node["rollout"] = JsonSerializer.SerializeToNode(comparison, MonitoringJson.Options);
        return node.ToJsonString(MonitoringJson.Options);
    }

    private static LoggedSide Side(string variant, int version, IReadOnlyList<PredictionRecord> entries, IReadOnlyDictionary<string, string> labels)
    {
        int labelled = 0, correct = 0;
        foreach (var entry in entries)
        {
            if (!labels.TryGetValue(entry.RequestId, out var label) || LabelWindow.Labels(label) is not { } truth || Predicted(entry.Outputs) is not { } predicted) continue;
            var right = LabelWindow.Correct(predicted, truth);
            if (right < 0) continue;
            labelled += truth.Length;
            correct += right;
        }
        var latencies = entries.Select(e => e.LatencyMs).ToArray();
        return new LoggedSide(variant, version, entries.Count, entries.Sum(e => e.Rows),
            latencies.Length == 0 ? 0 : latencies.Average(), VariantFigures.Percentile95(latencies), labelled, labelled == 0 ? null : (double)correct / labelled);
    }

    /// <summary>The predicted labels of a logged classifier's outputs; null for other models.</summary>
    private static string[]? Predicted(string outputs)
    {
        try
        {
            using var document = JsonDocument.Parse(outputs);
            return document.RootElement.TryGetProperty("label", out var labels) && labels.ValueKind == JsonValueKind.Array
                ? labels.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetRawText()).ToArray()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
