using System.Buffers;
using System.Text.Json;

namespace Keel.Serving.Inference;

/// <summary>
/// Reads an inference request with <see cref="Utf8JsonReader"/> straight from the request body: no document tree,
/// depth limited, every problem reported as a 400 that names the field.
/// </summary>
internal static class InferenceRequestReader
{
    /// <summary>Nesting deeper than this is refused (an OIP request needs 5 levels for a 2-D input written as nested arrays).</summary>
    public const int MaxDepth = 16;

    public static InferenceRequest Read(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty) throw RequestException.BadRequest("The request body is empty: send an inference request as JSON (see GET /v2/models/{name} for the inputs).");
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            var request = new InferenceRequest();
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject) throw RequestException.BadRequest("The request body must be a JSON object with \"inputs\".");
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8)) request.Id = ReadId(ref reader);
                else if (reader.ValueTextEquals("parameters"u8)) request.ContentType = ReadParameters(ref reader, "parameters");
                else if (reader.ValueTextEquals("inputs"u8)) ReadInputs(ref reader, request);
                else if (reader.ValueTextEquals("outputs"u8)) request.Outputs = ReadOutputs(ref reader);
                else { Next(ref reader); reader.Skip(); }
            }
            if (reader.Read()) throw RequestException.BadRequest("The request body has more after its JSON object.");
            if (request.Inputs.Count == 0) throw RequestException.BadRequest("The request has no \"inputs\": send one input per column (see GET /v2/models/{name}).");
            return request;
        }
        catch (JsonException e)
        {
            throw RequestException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw RequestException.BadRequest("The request body ends before its JSON is complete.");
        return reader.TokenType;
    }

    private static string ReadId(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        _ => throw RequestException.BadRequest("\"id\" must be a string."),
    };

    /// <summary>Reads a parameters object and returns its content_type, if any.</summary>
    private static string? ReadParameters(ref Utf8JsonReader reader, string where)
    {
        if (Next(ref reader) == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw RequestException.BadRequest($"\"{where}\" must be an object.");
        string? contentType = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content_type"u8))
            {
                if (Next(ref reader) != JsonTokenType.String) throw RequestException.BadRequest($"\"{where}.content_type\" must be a string.");
                contentType = reader.GetString();
            }
            else { Next(ref reader); reader.Skip(); }
        }
        return contentType;
    }

    private static void ReadInputs(ref Utf8JsonReader reader, InferenceRequest request)
    {
        if (Next(ref reader) != JsonTokenType.StartArray) throw RequestException.BadRequest("\"inputs\" must be an array of input tensors.");
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var position = request.Inputs.Count;
            if (reader.TokenType != JsonTokenType.StartObject) throw RequestException.BadRequest($"inputs[{position}] must be an object with name, datatype, shape and data.");
            var input = new RequestInput();
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8)) input.Name = ReadString(ref reader, $"inputs[{position}].name");
                else if (reader.ValueTextEquals("datatype"u8)) input.Datatype = ReadString(ref reader, $"inputs[{position}].datatype");
                else if (reader.ValueTextEquals("shape"u8)) input.Shape = ReadShape(ref reader, position);
                else if (reader.ValueTextEquals("data"u8)) ReadData(ref reader, input, position);
                else if (reader.ValueTextEquals("parameters"u8)) ReadParameters(ref reader, $"inputs[{position}].parameters");
                else { Next(ref reader); reader.Skip(); }
            }
            var label = input.Name is null ? $"inputs[{position}]" : $"input '{input.Name}'";
            if (input.Name is null) throw RequestException.BadRequest($"inputs[{position}] has no \"name\".");
            if (input.Datatype is null) throw RequestException.BadRequest($"{label} has no \"datatype\" (FP64, FP32, INT64, BOOL or BYTES).");
            if (input.Shape is null) throw RequestException.BadRequest($"{label} has no \"shape\" (e.g. [rows]).");
            if (!input.SawData) throw RequestException.BadRequest($"{label} has no \"data\".");
            request.Inputs.Add(input);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, string field)
    {
        if (Next(ref reader) != JsonTokenType.String) throw RequestException.BadRequest($"\"{field}\" must be a string.");
        return reader.GetString()!;
    }

    private static int[] ReadShape(ref Utf8JsonReader reader, int position)
    {
        if (Next(ref reader) != JsonTokenType.StartArray) throw RequestException.BadRequest($"inputs[{position}].shape must be an array of sizes, e.g. [3].");
        var shape = new List<int>(2);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var size) || size < 0)
                throw RequestException.BadRequest($"inputs[{position}].shape must hold non-negative whole numbers.");
            if (shape.Count == 8) throw RequestException.BadRequest($"inputs[{position}].shape has more than 8 dimensions.");
            shape.Add(size);
        }
        return [.. shape];
    }

    private static void ReadData(ref Utf8JsonReader reader, RequestInput input, int position)
    {
        input.SawData = true;
        if (Next(ref reader) != JsonTokenType.StartArray) throw RequestException.BadRequest($"inputs[{position}].data must be an array.");
        var depth = reader.CurrentDepth;
        while (true)
        {
            var token = Next(ref reader);
            if (token == JsonTokenType.EndArray && reader.CurrentDepth == depth) return;
            switch (token)
            {
                case JsonTokenType.StartArray:
                case JsonTokenType.EndArray:
                    continue;
                case JsonTokenType.Null:
                    Add(input, DataKind.Empty, double.NaN, null, position);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    Add(input, DataKind.Boolean, token == JsonTokenType.True ? 1 : 0, null, position);
                    break;
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        throw RequestException.BadRequest($"Element {input.Count + input.LeadingNulls} of input '{input.Name ?? $"inputs[{position}]"}' is not a finite number (JSON has no NaN or Infinity; send null for a missing value).");
                    Add(input, DataKind.Number, number, null, position);
                    break;
                case JsonTokenType.String:
                    Add(input, DataKind.Text, double.NaN, reader.GetString(), position);
                    break;
                default:
                    throw RequestException.BadRequest($"inputs[{position}].data may hold only numbers, strings, booleans, null and nested arrays.");
            }
        }
    }

    private static void Add(RequestInput input, DataKind kind, double number, string? text, int position)
    {
        if (kind == DataKind.Empty)
        {
            if (input.Kind == DataKind.Empty) input.LeadingNulls++;
            else if (input.Kind == DataKind.Text) input.Strings.Add(null);
            else input.Numbers.Add(double.NaN);
            return;
        }
        if (input.Kind == DataKind.Empty)
        {
            input.Kind = kind;
            for (var i = 0; i < input.LeadingNulls; i++)
                if (kind == DataKind.Text) input.Strings.Add(null); else input.Numbers.Add(double.NaN);
            input.LeadingNulls = 0;
        }
        else if (input.Kind != kind && !(input.Kind == DataKind.Number && kind == DataKind.Boolean) && !(input.Kind == DataKind.Boolean && kind == DataKind.Number))
        {
            throw RequestException.BadRequest($"Input '{input.Name ?? $"inputs[{position}]"}' mixes {Describe(input.Kind)} and {Describe(kind)} in its data (element {input.Count}); one input holds one type.");
        }
        if (input.Kind == DataKind.Text) input.Strings.Add(text);
        else input.Numbers.Add(number);
    }

    private static string Describe(DataKind kind) => kind switch
    {
        DataKind.Number => "numbers",
        DataKind.Text => "strings",
        DataKind.Boolean => "booleans",
        _ => "nulls",
    };

    private static List<string> ReadOutputs(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.StartArray) throw RequestException.BadRequest("\"outputs\" must be an array of {\"name\": ...} objects.");
        var names = new List<string>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw RequestException.BadRequest($"outputs[{names.Count}] must be an object with a \"name\".");
            string? name = null;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader, $"outputs[{names.Count}].name");
                else { Next(ref reader); reader.Skip(); }
            }
            names.Add(name ?? throw RequestException.BadRequest($"outputs[{names.Count}] has no \"name\"."));
        }
        return names;
    }
}
