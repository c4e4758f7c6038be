using System.Globalization;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Anomaly;

/// <summary>
/// Principal component analysis with a trimmed refit, scored by reconstruction error. Numbers are standardized
/// (mean 0, deviation 1); the principal axes of the training rows are found (eigenvectors of the covariance); the
/// <see cref="TrimFraction"/> of rows farthest from the subspace are set aside and the mean and axes fitted again on
/// the rest, so a few gross outliers do not pull the axes towards themselves (one step of trimmed PCA in the spirit
/// of Hubert, Rousseeuw and Vanden Branden's ROBPCA, 2005). The score of a row is its squared distance to the kept
/// subspace, ‖(x − μ) − V Vᵀ(x − μ)‖²; higher = more anomalous. The kept axes are the fewest whose variance reaches
/// <see cref="VarianceKept"/> of the total (or <see cref="Components"/>), and always fewer than the features, so the
/// error is not zero everywhere. "auto" flags the 10 % of training rows with the largest errors (PyOD's default
/// contamination, 0.1).
/// </summary>
/// <example>
/// <code>
/// var model = new RobustPcaTrainer { VarianceKept = 0.9 }.Fit(table, Target.Anomaly(table));
/// var errors = model.Predict(newRows).Values;
/// </code>
/// </example>
public sealed class RobustPcaTrainer : AnomalyTrainer
{
    /// <summary>The share of the total variance the kept axes explain. The default value is 0.9; the range is (0, 1].</summary>
    public double VarianceKept { get; init; } = 0.9;

    /// <summary>A fixed number of axes instead of <see cref="VarianceKept"/>. The default value is null; at most features − 1.</summary>
    public int? Components { get; init; }

    /// <summary>The share of training rows left out of the refit. The default value is 0.1; the range is [0, 0.5); 0 is plain PCA.</summary>
    public double TrimFraction { get; init; } = 0.1;

    public override string Name => "RobustPca";

    protected override bool Standardize => true;

    protected override IEnumerable<KeyValuePair<string, string>> MethodParameters =>
    [
        new("variance_kept", VarianceKept.ToString(CultureInfo.InvariantCulture)),
        new("n_components", Components?.ToString(CultureInfo.InvariantCulture) ?? "by variance"),
        new("trim_fraction", TrimFraction.ToString(CultureInfo.InvariantCulture)),
        new("scaling", "standard"),
    ];

    protected override IEnumerable<string> Validate()
    {
        if (VarianceKept is <= 0 or > 1) yield return $"VarianceKept must be in (0, 1]; it is {VarianceKept}.";
        if (Components is < 0) yield return $"Components must be at least 0; it is {Components}.";
        if (TrimFraction is < 0 or >= 0.5) yield return $"TrimFraction must be in [0, 0.5); it is {TrimFraction}.";
    }

    protected override double AutoThreshold(double[] trainingScores) => Quantile(trainingScores, 0.9);

    protected override (Predictor Predictor, Link Link, double[] TrainingRaw) FitPredictor(FeatureMatrix features, TrainingContext context)
    {
        if (Components is { } c && c >= features.Columns)
            throw new KeelLearnException($"RobustPca options: Components must be fewer than the {features.Columns} features; it is {c}.");
        var all = Enumerable.Range(0, features.Rows).ToArray();
        var subspace = FitSubspace(features, all);
        var raw = Errors(subspace, features);
        var keep = (int)Math.Ceiling(features.Rows * (1 - TrimFraction));
        if (TrimFraction > 0 && keep >= 2 && keep < features.Rows)
        {
            var kept = all.OrderBy(i => raw[i]).ThenBy(i => i).Take(keep).ToArray();
            subspace = FitSubspace(features, kept);
            raw = Errors(subspace, features);
        }
        return (subspace, Link.Identity, raw);
    }

    private static double[] Errors(PrincipalSubspace subspace, FeatureMatrix features)
    {
        var raw = new double[features.Rows];
        subspace.Score(features, raw);
        return raw;
    }

    /// <summary>The mean and principal axes of the given rows.</summary>
    private PrincipalSubspace FitSubspace(FeatureMatrix features, int[] rows)
    {
        var d = features.Columns;
        var mean = new double[d];
        foreach (var i in rows)
            for (var j = 0; j < d; j++) mean[j] += features.Values[(long)i * d + j];
        for (var j = 0; j < d; j++) mean[j] /= rows.Length;
        var covariance = new double[d * d];
        var centred = new double[d];
        foreach (var i in rows)
        {
            for (var j = 0; j < d; j++) centred[j] = features.Values[(long)i * d + j] - mean[j];
            for (var p = 0; p < d; p++)
            {
                var cp = centred[p];
                if (cp == 0) continue;
                for (var q = p; q < d; q++) covariance[p * d + q] += cp * centred[q];
            }
        }
        for (var p = 0; p < d; p++)
            for (var q = p; q < d; q++) covariance[q * d + p] = covariance[p * d + q] /= rows.Length;
        var (values, vectors) = SymmetricEigen.Decompose(covariance, d);
        var total = values.Sum(v => Math.Max(v, 0));
        var k = Components ?? KeptFor(values, total);
        k = Math.Min(k, d - 1);
        return new PrincipalSubspace
        {
            FeatureCount = d, OutputCount = 1, Mean = mean,
            Components = vectors.Take(k).ToArray(), Variances = values.Take(k).Select(v => Math.Max(v, 0)).ToArray(),
        };
    }

    private int KeptFor(double[] values, double total)
    {
        if (total <= 0) return 0;
        double explained = 0;
        for (var k = 0; k < values.Length; k++)
        {
            explained += Math.Max(values[k], 0);
            if (explained >= VarianceKept * total - 1e-12) return k + 1;
        }
        return values.Length;
    }
}
