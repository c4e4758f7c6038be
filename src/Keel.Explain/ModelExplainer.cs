using Keel.Data;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Explains a Keel <see cref="Model"/>'s predictions per input column: exact path-dependent TreeSHAP for tree
/// ensembles (an Isolation Forest's expected path length, with the covers of the rows each tree was grown on, as SHAP
/// explains scikit-learn's IsolationForest: shap/shap, shap/explainers/_tree.py, IsoTree); for linear models the exact SHAP values of a linear function against one reference row,
/// <c>w_j · (x_j − r_j)</c>, where r holds every standardized number at its training mean and every one-hot and
/// missing indicator at 0 (the plan does not record category frequencies). One-hot and missing-indicator features are
/// summed back into their column. Any other predictor (an ensemble, a randomized mixture) has no exact SHAP values: given
/// background rows it is explained by <see cref="PermutationShap"/> over the input columns, seeded. Every row is
/// checked: base value + Σ attributions must equal the model's raw score within 1e-6, or the explanation is refused.
/// </summary>
/// <example>
/// <code>
/// var explainer = new ModelExplainer(bundle.Model, bundle.Background?.ToMatrix(), seed: 42);
/// var shap = explainer.Explain(rows);   // per input column, in explainer.Units; explainer.Method says how
/// </code>
/// </example>
public sealed class ModelExplainer
{
    /// <summary>The largest gap allowed between base value + Σ attributions and the raw score.</summary>
    public const double AdditivityTolerance = 1e-6;

    private readonly TreeShap? _trees;
    private readonly InterventionalTreeShap? _interventional;
    private readonly double[]? _backgroundMeans;
    private readonly PermutationShap? _permutation;

    /// <summary>
    /// Prepares a model. Without <paramref name="background"/>, trees get path-dependent TreeSHAP and linear models
    /// the reference row; with background rows (features), both are interventional: the values of
    /// v(S) = mean over the background of f(x_S, z_rest), and the base value is the background's mean raw score. Any
    /// other predictor needs the background, and is explained by permutation SHAP (10 orderings, each also run
    /// backwards) with <paramref name="seed"/>.
    /// </summary>
    public ModelExplainer(Model model, FeatureMatrix? background = null, int seed = 0)
    {
        Model = model;
        Background = background?.Rows ?? 0;
        _trees = model.Predictor is TreeEnsemble ensemble && background is null ? new TreeShap(ensemble) : null;
        _interventional = model.Predictor is TreeEnsemble trees && background is not null ? new InterventionalTreeShap(trees, background) : null;
        if (background is not null && model.Predictor is LinearModel)
        {
            _backgroundMeans = new double[background.Columns];
            for (var r = 0; r < background.Rows; r++)
                for (var j = 0; j < background.Columns; j++) _backgroundMeans[j] += background.Values[r * background.Columns + j] / background.Rows;
        }
        var (columns, groupOf) = Groups(model.Features);
        Columns = columns;
        ColumnOfFeature = groupOf;
        if (!IsExact && background is not null) _permutation = new PermutationShap(model.Predictor, background, columns, groupOf, seed: seed);
    }

    /// <summary>Whether the model has exact SHAP values: a tree ensemble or a linear model.</summary>
    public bool IsExact => Model.HasExactShapValues;

    /// <summary>Whether this explainer can explain the model: exactly, or against background rows.</summary>
    public bool CanExplain => IsExact || _permutation is not null;

    /// <summary>
    /// How the model is explained: "tree_path_dependent", "tree_interventional", "linear", "permutation", or "none"
    /// for a model without exact SHAP values explained without background rows.
    /// </summary>
    public string Method => Model.Predictor switch
    {
        TreeEnsemble => _interventional is null ? "tree_path_dependent" : "tree_interventional",
        LinearModel => "linear",
        _ => _permutation is null ? "none" : "permutation",
    };

    /// <summary>Orderings per row of permutation SHAP; 0 for the exact methods.</summary>
    public int Permutations => _permutation?.Permutations ?? 0;

    public Model Model { get; }

    /// <summary>Background rows of an interventional explanation; 0 for path-dependent TreeSHAP.</summary>
    public int Background { get; }

    /// <summary>
    /// What the attributions are measured in: log-odds (binary), logits (multiclass), the label's units (regression),
    /// or an anomaly detector's raw score (an Isolation Forest's expected path length, where shorter is more anomalous).
    /// </summary>
    public string Units => Model.Target.Task switch
    {
        TaskKind.Binary when Model.Link.Kind == LinkKind.Probability => "probability",
        TaskKind.Binary => "log-odds",
        TaskKind.Multiclass => "logits (softmax inputs)",
        TaskKind.Anomaly => Model.Link.Kind == LinkKind.PathLength ? "expected path length (shorter = more anomalous)" : "anomaly score",
        _ => $"units of {Model.Target.Column}",
    };

    /// <summary>The input columns attributions are reported for, in the model's order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>For each model feature, the index of its input column in <see cref="Columns"/>.</summary>
    public IReadOnlyList<int> ColumnOfFeature { get; }

    /// <summary>SHAP values per model feature (raw margin units), checked for additivity.</summary>
    public ShapValues ExplainFeatures(FeatureMatrix features, int threads = 1)
    {
        var values = Model.Predictor switch
        {
            TreeEnsemble when _interventional is not null => _interventional.Explain(features, threads),
            TreeEnsemble => _trees!.Explain(features, threads),
            LinearModel linear => Linear(linear, features),
            var other => throw new KeelLearnException(Model.Target.Task == TaskKind.Anomaly
                ? $"Keel explains Isolation Forest detectors exactly; this one is a {Model.Trainer} ({other.GetType().Name}), which has no exact explanation. Train with --trainer isolation_forest to explain scores."
                : _permutation is not null
                    ? $"A {other.GetType().Name} has no exact SHAP values per feature; its permutation SHAP values are per input column (ExplainColumns)."
                    : $"A {other.GetType().Name} has no exact SHAP values; explain it against background rows, with Kernel SHAP or permutation SHAP (--method kernel or permutation)."),
        };
        CheckAdditivity(values, features);
        return values;
    }

    /// <summary>
    /// Interventional SHAP values on the probability scale per input column (binary classifiers explained against
    /// background rows; see <see cref="InterventionalTreeShap.ExplainProbability"/>), checked to add up to each
    /// row's probability.
    /// </summary>
    public ShapValues ExplainProbability(Table rows, int threads = 1)
    {
        if (_interventional is null || Model.Target.Task != TaskKind.Binary)
            throw new KeelLearnException("Probability-scale SHAP values need a binary tree model explained against background rows (--background N).");
        var features = Model.Features.Transform(rows);
        var values = _interventional.ExplainProbability(features, Model.Link, threads);
        var p = Model.Predict(features).PositiveProbabilities();
        for (var r = 0; r < features.Rows; r++)
            if (Math.Abs(values.Total(r) - p[r]) > AdditivityTolerance)
                throw new KeelLearnException($"The probability explanation of row {r} does not add up: {values.Total(r):R} against {p[r]:R}.");
        return values.Grouped(Columns, ColumnOfFeature);
    }

    /// <summary>SHAP values per input column of the rows of a table.</summary>
    public ShapValues Explain(Table rows, int threads = 1) => ExplainColumns(Model.Features.Transform(rows), threads);

    /// <summary>
    /// SHAP values per input column (raw score units) of rows of features, by <see cref="Method"/>, checked for
    /// additivity: exact values summed over each column's features, or permutation SHAP over the columns (which
    /// checks <paramref name="cancellationToken"/> between orderings).
    /// </summary>
    public ShapValues ExplainColumns(FeatureMatrix features, int threads = 1, CancellationToken cancellationToken = default)
    {
        if (_permutation is null) return ExplainFeatures(features, threads).Grouped(Columns, ColumnOfFeature);
        var values = _permutation.Explain(features, threads, cancellationToken);
        CheckAdditivity(values, features);
        return values;
    }

    /// <summary>
    /// Path-dependent SHAP interaction values per input column for a tree model (no background), checked to add up
    /// to each row's raw score. Two TreeSHAP runs per feature the trees split on, so keep the rows to a few hundred.
    /// </summary>
    public ShapInteractions Interactions(Table rows, int threads = 1)
    {
        if (_trees is null)
            throw new KeelLearnException(Model.Predictor is TreeEnsemble
                ? "Interaction values are path-dependent: explain without background rows (drop --background)."
                : $"Interaction values need a tree model; this one is a {Model.Predictor.GetType().Name}.");
        var features = Model.Features.Transform(rows);
        var byFeature = _trees.Interactions(features, threads);
        var result = ShapInteractions.Grouped(byFeature, features.Rows, features.Columns, Model.Predictor.OutputCount, Columns, ColumnOfFeature, _trees.BaseValue);
        var outputs = Model.Predictor.OutputCount;
        var raw = new double[features.Rows * outputs];
        Model.Predictor.Score(features, raw);
        var c = Columns.Count;
        for (var r = 0; r < features.Rows; r++)
            for (var k = 0; k < outputs; k++)
            {
                var total = result.BaseValue[k];
                for (var i = 0; i < c; i++)
                    for (var j = 0; j < c; j++) total += result[r, i, j, k];
                if (Math.Abs(total - raw[r * outputs + k]) > AdditivityTolerance * Math.Max(1, Math.Abs(raw[r * outputs + k])))
                    throw new KeelLearnException($"The interaction values of row {r} do not add up: {total:R} against the raw score {raw[r * outputs + k]:R}.");
            }
        return result;
    }

    private void CheckAdditivity(ShapValues values, FeatureMatrix features)
    {
        var outputs = Model.Predictor.OutputCount;
        var raw = new double[features.Rows * outputs];
        Model.Predictor.Score(features, raw);
        for (var r = 0; r < features.Rows; r++)
            for (var k = 0; k < outputs; k++)
            {
                var total = values.Total(r, k);
                var gap = Math.Abs(total - raw[r * outputs + k]);
                if (gap > AdditivityTolerance * Math.Max(1, Math.Abs(raw[r * outputs + k])))
                    throw new KeelLearnException($"The explanation of row {r} does not add up: base value + attributions = {total:R}, but the model's raw score is {raw[r * outputs + k]:R} (gap {gap:E2}). The model's covers may be inconsistent; retrain it, or report this with the model.");
            }
    }

    /// <summary>Exact SHAP values of a linear model against the reference row of <see cref="FeatureMeans"/>.</summary>
    private ShapValues Linear(LinearModel linear, FeatureMatrix features)
    {
        var means = _backgroundMeans ?? FeatureMeans(Model.Features);
        var outputs = linear.OutputCount;
        var width = features.Columns;
        var values = new double[(long)features.Rows * width * outputs];
        var baseValue = new double[outputs];
        for (var k = 0; k < outputs; k++)
        {
            baseValue[k] = linear.Bias[k];
            for (var j = 0; j < width; j++) baseValue[k] += linear.Weights[k][j] * means[j];
        }
        for (var r = 0; r < features.Rows; r++)
        {
            var x = features.Row(r);
            for (var j = 0; j < width; j++)
                for (var k = 0; k < outputs; k++)
                    values[((long)r * width + j) * outputs + k] = linear.Weights[k][j] * (x[j] - means[j]);
        }
        return new ShapValues(values, features.Rows, features.Names, outputs, baseValue);
    }

    /// <summary>
    /// The reference row: a standardized number at its training mean (0 after scaling), an unscaled number at its fill
    /// (the training median), every indicator at 0.
    /// </summary>
    private static double[] FeatureMeans(FeaturePlan plan)
    {
        var means = new List<double>();
        foreach (var encoding in plan.Encodings)
        {
            switch (encoding)
            {
                case NumericEncoding n:
                    means.Add(n.Scale != 1 || n.Offset != 0 ? 0 : n.Fill);
                    if (n.MissingIndicator) means.Add(0);
                    break;
                default:
                    means.AddRange(Enumerable.Repeat(0.0, encoding.FeatureNames.Count));
                    break;
            }
        }
        return [.. means];
    }

    private static (IReadOnlyList<string> Columns, IReadOnlyList<int> GroupOf) Groups(FeaturePlan plan)
    {
        var columns = new List<string>();
        var groupOf = new List<int>();
        foreach (var encoding in plan.Encodings)
        {
            columns.Add(encoding.Column);
            groupOf.AddRange(Enumerable.Repeat(columns.Count - 1, encoding.FeatureNames.Count));
        }
        return (columns, groupOf);
    }
}
