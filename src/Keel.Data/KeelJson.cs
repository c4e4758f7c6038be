using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keel.Data;

/// <summary>The JSON conventions of every file Keel writes: camelCase, enums as strings, NaN and infinities allowed.</summary>
public static class KeelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The same conventions without indentation, for large parts such as tree ensembles.</summary>
    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false };
}
