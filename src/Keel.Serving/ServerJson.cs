using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keel.Serving;

/// <summary>The JSON settings of every response the server builds by serializer: snake_case as OIP names, no nulls.</summary>
internal static class ServerJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
