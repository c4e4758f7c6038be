using Keel.Data;
using Keel.Learn.Evaluation;

namespace Keel.Learn.Bundles;

/// <summary>
/// What a <c>.keel</c> bundle says about its model: identity, task, input and output signatures, metrics, how it was
/// trained and on what data. Saved as <c>manifest.json</c>.
/// </summary>
public sealed record BundleManifest
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string Name { get; init; }

    /// <summary>The model's version within its name; the registry assigns versions, a plain training run says "1".</summary>
    public string Version { get; init; } = "1";

    public required TaskKind Task { get; init; }

    public required string Label { get; init; }

    public IReadOnlyList<string> Classes { get; init; } = [];

    public string? PositiveClass { get; init; }

    public required IReadOnlyList<InputColumn> Inputs { get; init; }

    public required IReadOnlyList<OutputColumn> Outputs { get; init; }

    /// <summary>Held-out metrics with 95 % bootstrap intervals.</summary>
    public IReadOnlyList<MetricValue> Metrics { get; init; } = [];

    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public int Seed { get; init; }

    public required TrainingData TrainingData { get; init; }

    /// <summary>The model this one was retrained from, as "name@version"; null for a first model.</summary>
    public string? Parent { get; init; }

    public required string KeelVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// A manifest with what the model determines (task, label, classes, positive class, input and output signatures),
    /// its name, trainer, training data and creation time; the rest (metrics, parameters, seed, parent) set with
    /// <c>with</c>.
    /// </summary>
    public static BundleManifest For(Models.Model model, string name, string trainer, TrainingData trainingData, DateTimeOffset createdAt) => new()
    {
        Name = name,
        Task = model.Target.Task,
        Label = model.Target.Column,
        Classes = model.Target.Classes,
        PositiveClass = model.Target.PositiveClass,
        Inputs = Signature.Inputs(model),
        Outputs = Signature.Outputs(model.Target),
        Trainer = trainer,
        TrainingData = trainingData,
        KeelVersion = Training.TrainingJob.KeelVersion,
        CreatedAt = createdAt,
    };
}

/// <summary>An input column of the signature; <see cref="Categories"/> lists the values the model knows.</summary>
public sealed record InputColumn(string Name, ColumnType Type, IReadOnlyList<string>? Categories = null);

/// <summary>An output of the signature: its name, element type and shape (-1 is the number of rows).</summary>
public sealed record OutputColumn(string Name, string DataType, IReadOnlyList<int> Shape);

/// <summary>The data a model was trained on: where it came from, its fingerprint and size.</summary>
public sealed record TrainingData(string Source, string Fingerprint, int Rows, int TrainRows, int TestRows);
