using Keel.Fairness.Cards;

namespace Keel.Lifecycle.Promotion;

/// <summary>A number the gate checks, or why it has none (a group with no positives, no data given).</summary>
public sealed record Measured(double? Value, string? Undefined = null)
{
    public static Measured Of(double value) => double.IsFinite(value) ? new(value) : new(null, "it is not a finite number");

    public static Measured Missing(string why) => new(null, why);
}

/// <summary>
/// What is known about a model version when its promotion is decided: its evaluation metrics and where they come
/// from, fairness measures per sensitive column, the share of its input columns that drifted on the evaluation data,
/// and the model-card fields its owner wrote. <see cref="PromotionEvidenceCollector"/> gathers it.
/// </summary>
public sealed record PromotionEvidence
{
    public required string Model { get; init; }

    public required int Version { get; init; }

    /// <summary>Evaluation metrics by Keel's names.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Where the metrics come from, e.g. "the registered evaluation" or "evaluation on holdout.csv (6,513 rows)".</summary>
    public string MetricsSource { get; init; } = "the registered evaluation";

    /// <summary>Fairness measures per sensitive column and measure name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measured>> Fairness { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Measured>>();

    /// <summary>Why fairness could not be measured at all (no data given), when it could not.</summary>
    public string? FairnessUnavailable { get; init; }

    /// <summary>The share of input columns whose distribution drifted from the training data, and from what.</summary>
    public Measured? DriftShare { get; init; }

    public string? DriftSource { get; init; }

    /// <summary>The model-card fields the owner wrote for this version.</summary>
    public ModelCardOwnerSections Card { get; init; } = new();
}
