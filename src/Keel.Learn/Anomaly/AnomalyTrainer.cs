using System.Globalization;
using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Anomaly;

/// <summary>
/// What every anomaly detector shares: it learns from the feature columns alone (a label, if the target names one,
/// is left out), gives each row a score where higher is more anomalous, and flags the rows whose score is above a
/// threshold: <see cref="Threshold"/> when given, else the (1 − <see cref="Contamination"/>) quantile of the training
/// rows' scores, else the method's own default ("auto").
/// </summary>
public abstract class AnomalyTrainer : ITrainer
{
    public abstract string Name { get; }

    /// <summary>
    /// The expected share of anomalies in the training data, in (0, 0.5]: the threshold becomes the
    /// (1 − contamination) quantile of the training scores (linear interpolation, as NumPy's percentile and
    /// scikit-learn's <c>offset_</c>). The default value is null ("auto"): the method's own threshold.
    /// </summary>
    public double? Contamination { get; init; }

    /// <summary>An explicit score threshold; it overrides <see cref="Contamination"/>. The default value is null.</summary>
    public double? Threshold { get; init; }

    /// <summary>How columns become features. The default value is Keel's default featurization.</summary>
    public FeaturizationOptions Featurization { get; init; } = new();

    /// <summary>Whether numbers are standardized (mean 0, deviation 1) before the method sees them.</summary>
    protected virtual bool Standardize => false;

    /// <summary>The method's threshold when neither a threshold nor a contamination is given.</summary>
    protected abstract double AutoThreshold(double[] trainingScores);

    /// <summary>The method's own options, as text.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> MethodParameters { get; }

    public IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var parameters = MethodParameters.ToDictionary(p => p.Key, p => p.Value);
            parameters["contamination"] = Contamination?.ToString(CultureInfo.InvariantCulture) ?? "auto";
            if (Threshold is { } t) parameters["threshold"] = t.ToString("R", CultureInfo.InvariantCulture);
            return parameters;
        }
    }

    public bool Supports(TaskKind task) => task == TaskKind.Anomaly;

    public Model Fit(Table train, Target target, TrainingContext? context = null) => FitScored(train, target, context).Model;

    /// <summary>Fits the detector and returns it with the scores of the training rows.</summary>
    public AnomalyFit FitScored(Table train, Target target, TrainingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(target);
        context ??= new TrainingContext();
        if (target.Task != TaskKind.Anomaly)
            throw new KeelLearnException($"The {Name} detector learns anomaly tasks, not {target.Task.ToString().ToLowerInvariant()}; use --task anomaly.");
        var problems = Validate().ToList();
        if (Contamination is { } c && !(c > 0 && c <= 0.5)) problems.Add($"Contamination must be in (0, 0.5]; it is {c}.");
        if (Threshold is { } t && !double.IsFinite(t)) problems.Add($"Threshold must be a finite number; it is {t}.");
        if (problems.Count > 0) throw new KeelLearnException($"{Name} options: {string.Join(" ", problems)}");
        if (train.RowCount < 2) throw new KeelLearnException($"There are {train.RowCount} rows; an anomaly detector needs at least 2.");

        var table = target.HasLabel ? train.WithRole(target.Column, ColumnRole.Label) : train;
        var plan = FeaturePlan.Fit(table, Featurization with { Standardize = Standardize });
        var features = plan.Transform(table);
        context.CancellationToken.ThrowIfCancellationRequested();
        var (predictor, link, trainingRaw) = FitPredictor(features, context);
        var scores = trainingRaw.Select(link.AnomalyScore).ToArray();
        var threshold = Threshold ?? (Contamination is { } share ? Quantile(scores, 1 - share) : AutoThreshold(scores));
        var model = new Model { Target = target, Features = plan, Predictor = predictor, Link = link, Trainer = Name, Threshold = threshold };
        return new AnomalyFit(model, scores);
    }

    /// <summary>Problems with the method's options, one sentence each; empty when they are valid.</summary>
    protected abstract IEnumerable<string> Validate();

    /// <summary>Learns from the training features; returns the predictor, its link, and the training rows' raw scores.</summary>
    protected abstract (Predictor Predictor, Link Link, double[] TrainingRaw) FitPredictor(FeatureMatrix features, TrainingContext context);

    /// <summary>The q quantile of values with linear interpolation between order statistics (NumPy's default).</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
