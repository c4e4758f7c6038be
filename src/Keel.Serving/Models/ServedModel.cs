using System.Text.Json;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Serving.Models;

/// <summary>
/// One loaded model version: the verified bundle, its compiled featurizer and scorer, its input signature for request
/// checks, and its own micro-batcher. Immutable apart from the batcher's queue, so requests share it freely; an alias
/// move replaces the whole instance.
/// </summary>
internal sealed class ServedModel : IAsyncDisposable
{
    public ServedModel(string name, int version, string reference, ModelBundle bundle, BatchingOptions batching)
    {
        Name = name;
        Version = version;
        VersionText = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Reference = reference;
        Bundle = bundle;
        Model = bundle.Model;
        Writer = new FeatureWriter(Model.Features);
        Inputs = Signature.Inputs(Model);
        for (var i = 0; i < Inputs.Count; i++) _columnIndex[Inputs[i].Name] = i;
        SensitiveInput = Model.PostProcessor is null ? -1 : Inputs.Count - 1;
        AllNumeric = Inputs.All(c => c.Type is ColumnType.Numeric or ColumnType.Boolean);
        Outputs = Signature.Outputs(Model.Target);
        Batcher = new MicroBatcher(Model.Predictor, batching);
        _explainer = new Lazy<Explain.ModelExplainer>(() => new Explain.ModelExplainer(Model, bundle.Background?.ToMatrix(), bundle.Manifest.Seed));
        MetadataJson = JsonSerializer.SerializeToUtf8Bytes(Metadata(), ServerJson.Options);
        WarmUp();
    }

    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);

    public string Name { get; }

    public int Version { get; }

    public string VersionText { get; }

    /// <summary>The alias or version number that picked this version, e.g. "champion".</summary>
    public string Reference { get; }

    public ModelBundle Bundle { get; }

    public Model Model { get; }

    public FeatureWriter Writer { get; }

    /// <summary>The input columns in signature order (the order of a 2-D input's columns).</summary>
    public IReadOnlyList<InputColumn> Inputs { get; }

    /// <summary>The index in <see cref="Inputs"/> of the sensitive column a post-processor reads (not a feature); -1 for none.</summary>
    public int SensitiveInput { get; }

    /// <summary>Whether every input is a number or a boolean, so a single 2-D numeric input is accepted.</summary>
    public bool AllNumeric { get; }

    public IReadOnlyList<OutputColumn> Outputs { get; }

    public MicroBatcher Batcher { get; }

    private readonly Lazy<Explain.ModelExplainer> _explainer;

    /// <summary>
    /// The model's explainer, built on the first <c>/explain</c> request: TreeSHAP for trees, exact values for linear
    /// models, permutation SHAP against the bundle's background rows (seeded with the manifest's seed) for any other.
    /// </summary>
    public Explain.ModelExplainer Explainer => _explainer.Value;

    /// <summary>The model metadata response, serialized once.</summary>
    public byte[] MetadataJson { get; }

    public int ColumnIndex(string name) => _columnIndex.GetValueOrDefault(name, -1);

    /// <summary>Scores one zero row so the first real request does not pay for compilation.</summary>
    private void WarmUp()
    {
        var raw = new double[Model.Predictor.OutputCount];
        Model.Predictor.ScoreRow(new float[Writer.Width], raw);
    }

    /// <summary>Model metadata as the Open Inference Protocol describes it.</summary>
    private object Metadata() => new
    {
        name = Name,
        versions = new[] { VersionText },
        platform = "keel",
        inputs = Inputs.Select(c => new
        {
            name = c.Name,
            datatype = Datatypes.Of(c.Type),
            shape = new[] { -1 },
            parameters = new { keel_type = c.Type.ToString().ToLowerInvariant(), categories = c.Categories },
        }),
        outputs = Outputs.Select(o => new
        {
            name = o.Name,
            datatype = o.DataType,
            shape = o.Shape,
            parameters = o.Name == "probabilities" ? new { classes = Model.Target.Classes } : null,
        }),
        parameters = new
        {
            content_type = "pd",
            task = Model.Target.Task.ToString().ToLowerInvariant(),
            label = Model.Target.Column,
            reference = Reference,
            trainer = Model.Trainer,
            bundle_sha256 = Bundle.FileSha256,
        },
    };

    public ValueTask DisposeAsync() => Batcher.DisposeAsync();
}

/// <summary>OIP datatypes of Keel's column types.</summary>
internal static class Datatypes
{
    public static string Of(ColumnType type) => type switch
    {
        ColumnType.Numeric => "FP64",
        ColumnType.Boolean => "BOOL",
        _ => "BYTES",
    };

    public static bool IsNumeric(string datatype) => datatype is "FP64" or "FP32" or "FP16" or "INT64" or "INT32" or "INT16" or "INT8" or "UINT64" or "UINT32" or "UINT16" or "UINT8";

    public static bool IsKnown(string datatype) => IsNumeric(datatype) || datatype is "BOOL" or "BYTES";
}
