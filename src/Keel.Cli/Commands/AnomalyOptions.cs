using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Anomaly;

namespace Keel.Cli.Commands;

/// <summary>The options of <c>keel train --task anomaly</c>: the detector, its contamination and threshold.</summary>
internal sealed class AnomalyOptions
{
    public Option<string?> Trainer { get; } = new("--trainer") { Description = "For --task anomaly: isolation_forest, lof (Local Outlier Factor), knn (k-th neighbour distance) or pca (trimmed PCA reconstruction error). [default: isolation_forest]" };

    public Option<string?> Contamination { get; } = new("--contamination") { Description = "For --task anomaly: the expected share of anomalies, in (0, 0.5]; rows scoring above that quantile of the training scores are flagged. \"auto\": the method's own threshold (0.5 for isolation_forest, 1.5 for lof, the top 10 % for knn and pca). [default: auto]" };

    public Option<double?> Threshold { get; } = new("--threshold") { Description = "For --task anomaly: flag rows whose score is above this value; overrides --contamination." };

    public void AddTo(Command command)
    {
        command.Options.Add(Trainer);
        command.Options.Add(Contamination);
        command.Options.Add(Threshold);
    }

    /// <summary>The detector the options name; refuses them for other tasks and names every problem at once.</summary>
    public AnomalyTrainer Build(ParseResult result, TaskKind? task)
    {
        var trainer = result.GetValue(Trainer);
        var contaminationText = result.GetValue(Contamination);
        var threshold = result.GetValue(Threshold);
        if (task != TaskKind.Anomaly)
        {
            if (trainer is not null || contaminationText is not null || threshold is not null)
                throw new KeelDataException("--trainer, --contamination and --threshold apply to --task anomaly only (use --trainers to choose classifiers and regressors).");
            return new IsolationForestTrainer();
        }
        var problems = new List<string>();
        double? contamination = null;
        if (contaminationText is not null && contaminationText != "auto")
        {
            if (double.TryParse(contaminationText, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c > 0 && c <= 0.5) contamination = c;
            else problems.Add($"--contamination must be \"auto\" or a share in (0, 0.5]; it is \"{contaminationText}\".");
        }
        if (threshold is { } t && !double.IsFinite(t)) problems.Add($"--threshold must be a finite number; it is {t}.");
        AnomalyTrainer? detector = (trainer ?? "isolation_forest").ToLowerInvariant() switch
        {
            "isolation_forest" or "iforest" => new IsolationForestTrainer { Contamination = contamination, Threshold = threshold },
            "lof" => new LocalOutlierFactorTrainer { Contamination = contamination, Threshold = threshold },
            "knn" => new KnnDistanceTrainer { Contamination = contamination, Threshold = threshold },
            "pca" => new RobustPcaTrainer { Contamination = contamination, Threshold = threshold },
            _ => null,
        };
        if (detector is null) problems.Add($"--trainer \"{trainer}\" is not one of isolation_forest, lof, knn, pca.");
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
        return detector!;
    }
}
