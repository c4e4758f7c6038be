using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn.Evaluation;
using Keel.Learn.Models;
using Keel.Learn.Selection;

namespace Keel.Learn.Bundles;

/// <summary>
/// The unit of deployment: one zip file (<c>.keel</c>) with the manifest, the model, the reference data profile, the
/// held-out evaluation, the model-selection record, an ONNX export where the model has one, a few training rows'
/// features to explain a model without exact SHAP values against (<see cref="ExplanationBackground"/>), the training
/// recipe, the business KPI and the threshold chosen for it (<see cref="Decision"/>), and <c>checksums.json</c> with the SHA-256 of every part. Loading verifies every hash and refuses a tampered, truncated
/// or foreign file. Nothing in it is deserialized by type name.
/// </summary>
/// <example>
/// <code>
/// var bundle = ModelBundle.Load("model.keel");
/// var predictions = bundle.Model.Predict(CsvTableReader.Read("new_customers.csv"));
/// </code>
/// </example>
public sealed record ModelBundle
{
    public const string ManifestPart = "manifest.json";
    public const string ModelPart = "model.json";
    public const string ProfilePart = "profile.json";
    public const string EvaluationPart = "evaluation.json";
    public const string SelectionPart = "selection.json";
    public const string OnnxPart = "model.onnx";
    public const string ReferencePart = "reference_predictions.json";
    public const string BackgroundPart = "background.json";
    public const string RecipePart = "recipe.json";
    public const string DecisionPart = "decision.json";
    public const string ChecksumsPart = "checksums.json";

    public required BundleManifest Manifest { get; init; }

    public required Model Model { get; init; }

    /// <summary>The profile of the training data, the reference for drift checks.</summary>
    public required DataProfile Profile { get; init; }

    public EvaluationResult? Evaluation { get; init; }

    public SelectionResult? Selection { get; init; }

    /// <summary>The model as ONNX (featurization included), or null where the model has no ONNX form.</summary>
    public byte[]? Onnx { get; init; }

    /// <summary>The held-out rows' labels and scores, for performance estimation and alert bands; null for multiclass and imported models.</summary>
    public ReferencePredictions? Reference { get; init; }

    /// <summary>
    /// Up to <see cref="ExplanationBackground.MaxRows"/> training rows' features for permutation SHAP, kept only for
    /// models without exact SHAP values (<see cref="ExplanationBackground.IsNeededBy"/>); null otherwise and in bundles
    /// written before Keel kept them.
    /// </summary>
    public ExplanationBackground? Background { get; init; }

    /// <summary>How to re-run the training that made the model; null for a bundle saved before recipes were, or an imported model.</summary>
    public Training.TrainingRecipe? Recipe { get; init; }

    /// <summary>
    /// The business KPI the model's threshold was chosen for, with the choice (value curve, alternatives) on validation
    /// scores; null for a model without a KPI and in bundles written before Keel kept them.
    /// </summary>
    public Decisions.ThresholdChoice? Decision { get; init; }

    /// <summary>The SHA-256 of the whole file this bundle was loaded from or saved to; null for one built in memory.</summary>
    public string? FileSha256 { get; init; }

    /// <summary>Writes the bundle atomically (<see cref="Data.Io.AtomicFile"/>) and returns it with its file hash.</summary>
    public ModelBundle Save(string path)
    {
        using var buffer = new MemoryStream();
        Write(buffer);
        var bytes = buffer.ToArray();
        Data.Io.AtomicFile.WriteAllBytes(path, bytes);
        return this with { FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }

    public void Write(Stream stream)
    {
        var parts = new List<(string Name, byte[] Bytes)>
        {
            (ManifestPart, Json(Manifest, KeelJson.Options)),
            (ModelPart, Json(Model, KeelJson.Compact)),
            (ProfilePart, Json(Profile, KeelJson.Compact)),
        };
        if (Evaluation is not null) parts.Add((EvaluationPart, Json(Evaluation, KeelJson.Compact)));
        if (Selection is not null) parts.Add((SelectionPart, Json(Selection, KeelJson.Options)));
        if (Onnx is not null) parts.Add((OnnxPart, Onnx));
        if (Reference is not null) parts.Add((ReferencePart, Json(Reference, KeelJson.Compact)));
        if (Background is not null) parts.Add((BackgroundPart, Json(Background, KeelJson.Compact)));
        if (Recipe is not null) parts.Add((RecipePart, Json(Recipe, KeelJson.Options)));
        if (Decision is not null) parts.Add((DecisionPart, Json(Decision, KeelJson.Compact)));
        var checksums = new BundleChecksums("SHA-256", parts.ToDictionary(p => p.Name, p => Convert.ToHexStringLower(SHA256.HashData(p.Bytes))));
        parts.Add((ChecksumsPart, Json(checksums, KeelJson.Options)));

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in parts)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var s = entry.Open();
            s.Write(bytes);
        }
    }

    public static ModelBundle Load(string path)
    {
        if (!File.Exists(path)) throw new KeelLearnException($"{path}: bundle not found.");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new KeelLearnException($"{path}: cannot read the bundle ({e.Message}).", e); }
        return Load(bytes, path);
    }

    /// <summary>Reads and verifies a bundle from its bytes; <paramref name="source"/> names it in errors.</summary>
    public static ModelBundle Load(byte[] bytes, string source = "bundle")
    {
        var parts = ReadParts(bytes, source);
        if (!parts.TryGetValue(ChecksumsPart, out var checksumBytes) || !parts.ContainsKey(ManifestPart))
            throw new KeelLearnException($"{source} is not a Keel model bundle: it has no {ManifestPart} and {ChecksumsPart}.");
        var checksums = Parse<BundleChecksums>(checksumBytes, ChecksumsPart, source);
        foreach (var (name, expected) in checksums.Parts)
        {
            if (!parts.TryGetValue(name, out var part))
                throw new KeelLearnException($"{source} is incomplete: the part '{name}' listed in {ChecksumsPart} is missing. Re-export the bundle.");
            var actual = Convert.ToHexStringLower(SHA256.HashData(part));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new KeelLearnException($"{source} has been altered: the SHA-256 of '{name}' is {actual[..12]}…, but the bundle recorded {expected[..Math.Min(12, expected.Length)]}…. Do not use it; retrain or fetch the original.");
        }
        var unlisted = parts.Keys.Where(k => k != ChecksumsPart && !checksums.Parts.ContainsKey(k)).ToArray();
        if (unlisted.Length > 0)
            throw new KeelLearnException($"{source} has been altered: it holds parts with no recorded checksum ({string.Join(", ", unlisted)}).");
        foreach (var required in new[] { ModelPart, ProfilePart })
            if (!parts.ContainsKey(required))
                throw new KeelLearnException($"{source} is not a complete Keel model bundle: it has no {required}.");

        var manifest = Parse<BundleManifest>(parts[ManifestPart], ManifestPart, source);
        if (manifest.FormatVersion > BundleManifest.CurrentFormatVersion)
            throw new KeelLearnException($"{source} was written by a newer Keel (bundle format {manifest.FormatVersion}; this Keel reads up to {BundleManifest.CurrentFormatVersion}). Upgrade Keel.");
        var model = Parse<Model>(parts[ModelPart], ModelPart, source);
        return new ModelBundle
        {
            Manifest = manifest,
            Model = model,
            Profile = Parse<DataProfile>(parts[ProfilePart], ProfilePart, source),
            Evaluation = parts.TryGetValue(EvaluationPart, out var e) ? Parse<EvaluationResult>(e, EvaluationPart, source) : null,
            Selection = parts.TryGetValue(SelectionPart, out var s) ? Parse<SelectionResult>(s, SelectionPart, source) : null,
            Onnx = parts.GetValueOrDefault(OnnxPart),
            Reference = parts.TryGetValue(ReferencePart, out var r) ? Parse<ReferencePredictions>(r, ReferencePart, source) : null,
            Background = parts.TryGetValue(BackgroundPart, out var b) ? Parse<ExplanationBackground>(b, BackgroundPart, source).CheckedFor(model, source) : null,
            Recipe = parts.TryGetValue(RecipePart, out var recipe) ? Parse<Training.TrainingRecipe>(recipe, RecipePart, source) : null,
            Decision = parts.TryGetValue(DecisionPart, out var d) ? Checked(Parse<Decisions.ThresholdChoice>(d, DecisionPart, source), source) : null,
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }

    private static Decisions.ThresholdChoice Checked(Decisions.ThresholdChoice decision, string source) =>
        decision.Value.Problems() is { } problems
            ? throw new KeelLearnException($"{source}: the part '{DecisionPart}' holds an invalid KPI ({problems}). Retrain the model to write a new bundle.")
            : decision;

    private static Dictionary<string, byte[]> ReadParts(byte[] bytes, string source)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > 2L << 30) throw new KeelLearnException($"{source}: the part '{entry.FullName}' is larger than 2 GiB.");
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                if (!parts.TryAdd(entry.FullName, ms.ToArray()))
                    throw new KeelLearnException($"{source} has been altered: the part '{entry.FullName}' appears twice.");
            }
            return parts;
        }
        catch (InvalidDataException e)
        {
            throw new KeelLearnException($"{source} is not a valid Keel model bundle: it is not a complete zip file (truncated or another kind of file). {e.Message}", e);
        }
    }

    private static T Parse<T>(byte[] bytes, string part, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, KeelJson.Options)
                   ?? throw new KeelLearnException($"{source}: the part '{part}' is empty.");
        }
        catch (JsonException e)
        {
            throw new KeelLearnException($"{source}: the part '{part}' is not valid ({e.Message}).", e);
        }
        catch (NotSupportedException e)
        {
            throw new KeelLearnException($"{source}: the part '{part}' is not valid ({e.Message}).", e);
        }
    }

    private static byte[] Json<T>(T value, JsonSerializerOptions options) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, options));
}

/// <summary>The content of <c>checksums.json</c>: the hash algorithm and the hash of every other part.</summary>
public sealed record BundleChecksums(string Algorithm, IReadOnlyDictionary<string, string> Parts);
