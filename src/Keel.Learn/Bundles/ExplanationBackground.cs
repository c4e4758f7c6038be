using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Learn.Bundles;

/// <summary>
/// A few training rows' model features (after featurization: filled and scaled numbers, one-hot and missing
/// indicators), drawn with a seed and kept in the bundle (<c>background.json</c>) of a model without exact SHAP values
/// (an ensemble, a randomized mixture), so that <c>keel serve</c> can explain its predictions by permutation SHAP
/// without a copy of the training data. At most <see cref="MaxRows"/> rows. These are real training rows, encoded but
/// not anonymized: whoever can read the bundle can read them.
/// </summary>
/// <example>
/// <code>
/// var background = ExplanationBackground.For(model, trainRows, seed: 42);   // null for trees and linear models
/// var explainer = new ModelExplainer(model, background?.ToMatrix());
/// </code>
/// </example>
public sealed record ExplanationBackground
{
    /// <summary>The most rows a bundle keeps.</summary>
    public const int MaxRows = 100;

    /// <summary>The model's feature names, in its order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The rows' feature values, one array per row in <see cref="Features"/>' order.</summary>
    public required IReadOnlyList<float[]> Rows { get; init; }

    /// <summary>The seed the rows were drawn with.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Whether a model needs a background to be explained: every predictor but a tree ensemble or a linear model,
    /// which Keel explains exactly without one.
    /// </summary>
    public static bool IsNeededBy(Model model) => !model.HasExactShapValues;

    /// <summary>
    /// Up to <see cref="MaxRows"/> distinct rows of <paramref name="train"/>, drawn with <paramref name="seed"/>, as the
    /// model's features; null when the model does not need them (<see cref="IsNeededBy"/>) or there are no rows.
    /// </summary>
    public static ExplanationBackground? For(Model model, Table train, int seed)
    {
        if (!IsNeededBy(model) || train.RowCount == 0) return null;
        var order = Enumerable.Range(0, train.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        var chosen = order.AsSpan(0, Math.Min(MaxRows, order.Length)).ToArray();
        Array.Sort(chosen);
        var features = model.Features.Transform(train.Take(chosen));
        return new ExplanationBackground
        {
            Features = features.Names,
            Rows = Enumerable.Range(0, features.Rows).Select(r => features.Row(r).ToArray()).ToArray(),
            Seed = seed,
        };
    }

    /// <summary>The rows as a feature matrix.</summary>
    public FeatureMatrix ToMatrix()
    {
        var width = Features.Count;
        var values = new float[Rows.Count * width];
        for (var r = 0; r < Rows.Count; r++) Rows[r].CopyTo(values.AsSpan(r * width, width));
        return new FeatureMatrix(values, Rows.Count, Features);
    }

    /// <summary>
    /// Checks that the rows fit <paramref name="model"/>: at least one row, at most <see cref="MaxRows"/>, every row as
    /// wide as the model's features, with the model's feature names, no value infinite. Throws naming
    /// <paramref name="source"/> otherwise.
    /// </summary>
    public ExplanationBackground CheckedFor(Model model, string source)
    {
        var problems = new List<string>();
        if (Rows.Count is 0 or > MaxRows) problems.Add($"it holds {Rows.Count} rows (1 to {MaxRows} expected)");
        if (!Features.SequenceEqual(model.Features.FeatureNames))
            problems.Add($"its {Features.Count} features are not the model's {model.Features.FeatureNames.Count}");
        for (var r = 0; r < Rows.Count; r++)
            if (Rows[r] is not { } row || row.Length != Features.Count || row.Any(float.IsInfinity))
            {
                problems.Add($"row {r} is not {Features.Count} finite or missing values");
                break;
            }
        if (problems.Count > 0)
            throw new KeelLearnException($"{source}: the part '{ModelBundle.BackgroundPart}' does not fit the model: {string.Join("; ", problems)}. Retrain the model to write a new bundle.");
        return this;
    }
}
