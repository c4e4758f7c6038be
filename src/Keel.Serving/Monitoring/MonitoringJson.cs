using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Keel.Monitoring;

namespace Keel.Serving.Monitoring;

/// <summary>
/// How a <see cref="MonitoringResult"/> is saved in the store and answered: snake_case like every server response,
/// enums as snake_case text, bands as <c>{"lower": …, "upper": …}</c>, a number that is not finite as null. Every
/// public property is written, so what later monitoring adds to the result is saved without a change here.
/// </summary>
internal static class MonitoringJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new FiniteDouble(), new Band() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropDerived } },
    };

    public static string Serialize(MonitoringResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Drops <see cref="MonitoringResult.PerformanceAlerts"/>: it repeats windows that are already in the result.</summary>
    private static void DropDerived(JsonTypeInfo info)
    {
        if (info.Type != typeof(MonitoringResult)) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Name == "performance_alerts") info.Properties.RemoveAt(i);
    }

    private sealed class FiniteDouble : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value); else writer.WriteNullValue();
        }
    }

    private sealed class Band : JsonConverter<(double Lower, double Upper)>
    {
        public override (double Lower, double Upper) Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            static double Value(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
            return (Value(root, "lower"), Value(root, "upper"));
        }

        public override void Write(Utf8JsonWriter writer, (double Lower, double Upper) value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("lower");
            if (double.IsFinite(value.Lower)) writer.WriteNumberValue(value.Lower); else writer.WriteNullValue();
            writer.WritePropertyName("upper");
            if (double.IsFinite(value.Upper)) writer.WriteNumberValue(value.Upper); else writer.WriteNullValue();
            writer.WriteEndObject();
        }
    }
}
