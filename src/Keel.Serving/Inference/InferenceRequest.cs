namespace Keel.Serving.Inference;

/// <summary>An Open Inference Protocol V2 inference request, as parsed from its JSON.</summary>
internal sealed class InferenceRequest
{
    public string? Id { get; set; }

    /// <summary>The request's <c>parameters.content_type</c> ("pd" for one input per column), if given.</summary>
    public string? ContentType { get; set; }

    public List<RequestInput> Inputs { get; } = [];

    /// <summary>The outputs asked for by name; null when the request names none (then all are returned).</summary>
    public List<string>? Outputs { get; set; }
}

/// <summary>The kind of the values in an input's <c>data</c>, decided by its first non-null element.</summary>
internal enum DataKind
{
    Empty,
    Number,
    Text,
    Boolean,
}

/// <summary>
/// One input tensor: name, datatype, shape and its flattened data (nested arrays are read row-major). Numbers and
/// booleans are kept in <see cref="Numbers"/> (null as NaN, true as 1), strings in <see cref="Strings"/>.
/// </summary>
internal sealed class RequestInput
{
    public string? Name { get; set; }

    public string? Datatype { get; set; }

    public int[]? Shape { get; set; }

    public DataKind Kind { get; set; }

    public List<double> Numbers { get; } = [];

    public List<string?> Strings { get; } = [];

    public int Count => Kind == DataKind.Text ? Strings.Count : Numbers.Count;

    /// <summary>Elements seen as JSON null before the kind was known: they become missing values of whatever kind follows.</summary>
    public int LeadingNulls { get; set; }

    public bool SawData { get; set; }
}
