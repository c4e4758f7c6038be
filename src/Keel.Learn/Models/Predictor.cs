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
[JsonDerivedType(typeof(RandomizedMixture), "randomizedMixture")]
[JsonDerivedType(typeof(NeighbourModel), "neighbours")]
[JsonDerivedType(typeof(PrincipalSubspace), "principalSubspace")]
[JsonDerivedType(typeof(Ensembles.StackedEnsemble), "stackedEnsemble")]
public abstract record Predictor
{
    public required int FeatureCount { get; init; }

    /// <summary>Raw scores per row: 1 for binary and regression, one per class for multiclass.</summary>
    public required int OutputCount { get; init; }

    /// <summary>Writes <c>rows × OutputCount</c> raw scores, row-major, on up to <paramref name="threads"/> threads.</summary>
    public void Score(FeatureMatrix features, Span<double> raw, int threads = 1)
    {
        if (features.Columns != FeatureCount)
            throw new KeelLearnException($"The predictor expects {FeatureCount} features but got {features.Columns}.");
        Score(features.Values, features.Rows, raw, threads);
    }

    /// <summary>
    /// Writes <c>rows × OutputCount</c> raw scores of <paramref name="rows"/> rows of <see cref="FeatureCount"/>
    /// features (row-major), on up to <paramref name="threads"/> threads.
    /// </summary>
    public void Score(ReadOnlySpan<float> features, int rows, Span<double> raw, int threads = 1)
    {
        if (features.Length != (long)rows * FeatureCount)
            throw new ArgumentException($"{features.Length} values do not fill {rows} rows of {FeatureCount} features.", nameof(features));
        if (raw.Length != (long)rows * OutputCount)
            throw new ArgumentException($"raw must hold {rows * OutputCount} values.", nameof(raw));
        ScoreRows(features, rows, raw, Math.Max(1, threads));
    }

    /// <summary>Scores validated rows; forms with a faster batch path override it.</summary>
    protected virtual void ScoreRows(ReadOnlySpan<float> features, int rows, Span<double> raw, int threads)
    {
        for (var i = 0; i < rows; i++) ScoreRow(features.Slice(i * FeatureCount, FeatureCount), raw.Slice(i * OutputCount, OutputCount));
    }

    /// <summary>Raw scores of one row of features.</summary>
    public abstract void ScoreRow(ReadOnlySpan<float> x, Span<double> raw);
}
