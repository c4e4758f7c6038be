using System.Text.Json.Serialization;
using Keel.Learn.Featurization;

namespace Keel.Learn.Models;

/// <summary>
/// The fitted function from features to raw scores (margins), one per output. Immutable and thread-safe; a closed set
/// of forms Keel owns and saves as JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TreeEnsemble), "treeEnsemble")]
[JsonDerivedType(typeof(LinearModel), "linear")]
public abstract record Predictor
{
    public required int FeatureCount { get; init; }

    /// <summary>Raw scores per row: 1 for binary and regression, one per class for multiclass.</summary>
    public required int OutputCount { get; init; }

    /// <summary>Writes <c>rows × OutputCount</c> raw scores, row-major.</summary>
    public void Score(FeatureMatrix features, Span<double> raw)
    {
        if (features.Columns != FeatureCount)
            throw new KeelLearnException($"The predictor expects {FeatureCount} features but got {features.Columns}.");
        if (raw.Length != features.Rows * OutputCount)
            throw new ArgumentException($"raw must hold {features.Rows * OutputCount} values.", nameof(raw));
        for (var i = 0; i < features.Rows; i++) ScoreRow(features.Row(i), raw.Slice(i * OutputCount, OutputCount));
    }

    /// <summary>Raw scores of one row of features.</summary>
    public abstract void ScoreRow(ReadOnlySpan<float> x, Span<double> raw);
}
