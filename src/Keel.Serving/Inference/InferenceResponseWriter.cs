using System.Buffers;
using System.Text.Json;
using Keel.Learn;
using Keel.Learn.Models;
using Keel.Serving.Models;

namespace Keel.Serving.Inference;

/// <summary>
/// Writes an OIP inference response: <c>label</c> (BYTES, one per row) and <c>probabilities</c> (FP64,
/// [rows, classes], class names in its parameters) for classifiers; <c>score</c> (FP64) for regression; <c>score</c>
/// (FP64, higher = more anomalous) and <c>is_anomaly</c> (BOOL) for anomaly detectors.
/// </summary>
internal static class InferenceResponseWriter
{
    /// <summary>Checks the outputs a request asks for before any work is done.</summary>
    public static void CheckRequested(ServedModel model, List<string>? requested)
    {
        if (requested is null) return;
        foreach (var name in requested)
            if (!model.Outputs.Any(o => o.Name == name))
                throw RequestException.BadRequest($"Output '{name}' does not exist; model '{model.Name}' gives {string.Join(", ", model.Outputs.Select(o => $"'{o.Name}'"))}.");
    }

    public static void Write(IBufferWriter<byte> buffer, ServedModel model, string id, Predictions predictions, List<string>? requested)
    {
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteString("model_name"u8, model.Name);
        json.WriteString("model_version"u8, model.VersionText);
        json.WriteString("id"u8, id);
        json.WriteStartArray("outputs"u8);
        var rows = predictions.Rows;
        if (predictions.Task == TaskKind.Regression)
        {
            if (Wants(requested, "score")) WriteNumbers(json, "score", [rows], predictions.Values!, null);
        }
        else if (predictions.Task == TaskKind.Anomaly)
        {
            if (Wants(requested, "score")) WriteNumbers(json, "score", [rows], predictions.Values!, null);
            if (Wants(requested, "is_anomaly"))
            {
                Start(json, "is_anomaly", "BOOL", [rows]);
                foreach (var flag in predictions.Anomalies!) json.WriteBooleanValue(flag);
                json.WriteEndArray();
                json.WriteEndObject();
            }
        }
        else
        {
            if (Wants(requested, "label"))
            {
                Start(json, "label", "BYTES", [rows]);
                foreach (var label in predictions.Labels!) json.WriteStringValue(label);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            if (Wants(requested, "probabilities")) WriteNumbers(json, "probabilities", [rows, predictions.Classes.Count], predictions.Probabilities!, predictions.Classes);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static bool Wants(List<string>? requested, string name) => requested is null || requested.Contains(name);

    private static void Start(Utf8JsonWriter json, string name, string datatype, int[] shape)
    {
        json.WriteStartObject();
        json.WriteString("name"u8, name);
        json.WriteString("datatype"u8, datatype);
        json.WriteStartArray("shape"u8);
        foreach (var s in shape) json.WriteNumberValue(s);
        json.WriteEndArray();
        json.WriteStartArray("data"u8);
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, int[] shape, double[] values, IReadOnlyList<string>? classes)
    {
        Start(json, name, "FP64", shape);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
        if (classes is not null)
        {
            json.WriteStartObject("parameters"u8);
            json.WriteStartArray("classes"u8);
            foreach (var c in classes) json.WriteStringValue(c);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
