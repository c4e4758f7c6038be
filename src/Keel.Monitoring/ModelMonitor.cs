using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Models;
using Keel.Monitoring.Drift;
using Keel.Monitoring.Multivariate;
using Keel.Monitoring.Performance;
using Keel.Monitoring.Quality;

namespace Keel.Monitoring;

/// <summary>
/// Watches a model on new rows: data quality per window against the reference profile (the bundle's, so no training
/// data is needed), the realized performance per window when the rows carry labels, and for binary classifiers the
/// performance CBPE estimates from the model's own probabilities when a labelled reference is given. Binary decisions are
/// made at the model's own threshold; with a KPI (<see cref="MonitoringOptions.Value"/>) each window also carries its
/// value per decision, realized and estimated. Pure: the caller
/// reads the files and renders the result.
/// </summary>
/// <example>
/// <code>
/// var result = ModelMonitor.Run(bundle.Model, bundle.Profile, reference: validation, current: lastWeek);
/// foreach (var window in result.Estimated) Console.WriteLine($"{window.Start}: accuracy ≈ {window.Metrics["accuracy"]:0.000}");
/// </code>
/// </example>
public static class ModelMonitor
{
    /// <param name="model">The model watched.</param>
    /// <param name="referenceProfile">The profile data quality is checked against: the bundle's, or one built from reference rows.</param>
    /// <param name="reference">Labelled reference rows (e.g. validation data), scored here for CBPE and alert bands; or null.</param>
    /// <param name="current">The new rows, in arrival order; with the label column, realized performance too.</param>
    /// <param name="options">Window size, thresholds.</param>
    /// <param name="heldOut">The bundle's held-out labels and scores, used when <paramref name="reference"/> has no labels.</param>
    public static MonitoringResult Run(Model model, DataProfile referenceProfile, Table? reference, Table current, MonitoringOptions? options = null, ReferencePredictions? heldOut = null)
    {
        options ??= new MonitoringOptions();
        if (options.Problems() is { } problems) throw new ArgumentException(problems, nameof(options));
        if (options.Value is not null && model.Target.Task != TaskKind.Binary)
            throw new ArgumentException($"A KPI (cost/benefit of decisions) applies to binary classifiers; this model is a {model.Target.Task.ToString().ToLowerInvariant()} model.", nameof(options));
        var notes = new List<string>();
        var quality = DataQuality.Windows(referenceProfile, current, options.Window, options.Quality);
        var label = model.Target.Column;
        var currentLabelled = current.Schema.TryIndexOf(label) >= 0 && current[label].MissingCount() < current.RowCount;
        var referenceLabelled = reference is not null && reference.Schema.TryIndexOf(label) >= 0 && reference[label].MissingCount() < reference.RowCount;
        IReadOnlyList<PerformanceChunk> realized = [];
        IReadOnlyList<PerformanceChunk> estimated = [];
        switch (model.Target.Task)
        {
            case TaskKind.Binary:
            {
                var p = model.Predict(current).PositiveProbabilities();
                var y = currentLabelled ? Labels(model, current) : null;
                var (refP, refY) = (Array.Empty<double>(), Array.Empty<int>());
                if (referenceLabelled)
                {
                    var scores = model.Predict(reference!).PositiveProbabilities();
                    var labels = Labels(model, reference!);
                    var known = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
                    (refP, refY) = (known.Select(i => scores[i]).ToArray(), known.Select(i => labels[i]).ToArray());
                }
                else if (heldOut is { Rows: > 0 })
                    (refP, refY) = (heldOut.Scores, heldOut.Labels.Select(v => (int)v).ToArray());
                if (refY.Contains(0) && refY.Contains(1))
                {
                    var cbpe = Cbpe.Fit(refP, refY, options.Window, new CbpeOptions { BandWidth = options.BandWidth, Threshold = model.Threshold, Value = options.Value });
                    estimated = cbpe.Chunks(p, y is null || y.Any(v => v < 0) ? default : y);
                    if (y is not null && y.All(v => v >= 0))
                        realized = RealizedPerformance.BinaryChunks(refY, refP, y, p, options.Window, model.Threshold, options.BandWidth, options.Value);
                }
                else
                {
                    notes.Add($"Performance without labels (CBPE) needs a labelled reference: this bundle keeps no held-out predictions, so give the model's validation rows with their '{label}' column as the reference.");
                    if (y is not null && y.All(v => v >= 0))
                        realized = RealizedPerformance.BinaryChunks([], [], y, p, options.Window, model.Threshold, options.BandWidth, options.Value);
                }
                if (y is null && estimated.Count > 0) notes.Add($"The rows have no '{label}' column, so only estimated performance is shown.");
                else if (y is not null && y.Any(v => v < 0)) notes.Add($"Some rows lack a '{label}' value; realized performance needs every row labelled.");
                break;
            }
            case TaskKind.Regression when currentLabelled:
            {
                var predicted = model.Predict(current).Values!;
                var actual = ((NumericColumn)current[label]).Values.ToArray();
                var (refActual, refPredicted) = referenceLabelled && reference![label] is NumericColumn refLabel
                    ? (refLabel.Values.ToArray(), model.Predict(reference).Values!)
                    : heldOut is not null ? (heldOut.Labels, heldOut.Scores) : ([], []);
                realized = RealizedPerformance.RegressionChunks(refActual, refPredicted, actual, predicted, options.Window, options.BandWidth);
                break;
            }
            case TaskKind.Regression:
                notes.Add($"The rows have no '{label}' column; regression performance needs labels (CBPE estimates classifiers only).");
                break;
            case TaskKind.Anomaly:
            {
                var flagged = model.Predict(current).Anomalies!.Count(f => f);
                notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Anomaly detectors have no performance to monitor without labels (CBPE estimates classifiers from their probabilities; a detector has scores); data quality and drift of its inputs are checked. {flagged:N0} of {current.RowCount:N0} rows ({(current.RowCount == 0 ? 0 : 100.0 * flagged / current.RowCount):0.#} %) score above the threshold {model.Threshold:G4}."));
                break;
            }
            default:
                notes.Add("Performance monitoring of multiclass models is not built yet; data quality is checked.");
                break;
        }
        var (drift, driftWindows, driftMode, distributions) = Drift(model, referenceProfile, reference, current, options, notes);
        var (reconstruction, domain) = options.Multivariate && reference is not null ? Multivariate(model, reference, current, options, notes) : ([], null);
        return new MonitoringResult(label, model.Target.Task.ToString(), current.RowCount, options.Window, quality, realized, estimated, notes)
        {
            Reconstruction = reconstruction,
            Domain = domain,
            Drift = drift,
            DriftWindows = driftWindows,
            DriftMode = driftMode,
            Distributions = distributions,
            Value = model.Target.Task == TaskKind.Binary ? options.Value : null,
        };
    }

    /// <summary>
    /// The drift tests over the model's input columns both sides hold with the same type: exact against reference rows,
    /// else against the profile's sketch (<see cref="ProfileReference"/>); over all rows and per window.
    /// </summary>
    private static (DatasetDriftResult?, IReadOnlyList<DatasetDriftResult>, string, IReadOnlyDictionary<string, DriftBins>) Drift(Model model, DataProfile profile, Table? reference, Table current, MonitoringOptions options, List<string> notes)
    {
        var mode = reference is null ? "profile" : "exact";
        var baseline = reference ?? ProfileReference.Build(profile);
        var columns = Comparable(model, baseline, current);
        if (columns.Length == 0)
        {
            notes.Add("No input column could be tested for drift: none has the same type and values on both sides.");
            return (null, [], mode, new Dictionary<string, DriftBins>());
        }
        var driftOptions = options.Drift with { Columns = columns };
        var overall = DatasetDrift.Detect(baseline, current, driftOptions);
        var windows = new List<DatasetDriftResult>();
        foreach (var (start, rows) in PerformanceBands.Windows(current.RowCount, options.Window))
        {
            var window = current.Take(Enumerable.Range(start, rows).ToArray());
            var present = columns.Where(c => window[c].MissingCount() < window.RowCount).ToArray();
            if (present.Length > 0) windows.Add(DatasetDrift.Detect(baseline, window, driftOptions with { Columns = present }));
        }
        var distributions = new Dictionary<string, DriftBins>();
        foreach (var column in overall.Columns.Where(c => c.Drifted).OrderByDescending(Severity).Take(6))
        {
            DriftTest overlay = baseline[column.Column].Type == ColumnType.Numeric ? new PsiTest() : new JensenShannonTest();
            if (overlay.Run(baseline[column.Column], current[column.Column]).Bins is { } bins) distributions[column.Column] = bins;
        }
        return (overall, windows, mode, distributions);
    }

    /// <summary>How far past its threshold a column's score is: distance over threshold, or threshold over p-value.</summary>
    public static double Severity(ColumnDriftResult column) =>
        column.ScoreKind == DriftScoreKind.PValue ? column.Threshold / Math.Max(column.Score, 1e-300) : column.Score / column.Threshold;

    /// <summary>The multivariate checks over the columns both tables can compare.</summary>
    private static (IReadOnlyList<ReconstructionChunk>, DomainClassifierResult?) Multivariate(Model model, Table reference, Table current, MonitoringOptions options, List<string> notes)
    {
        var columns = Comparable(model, reference, current);
        if (columns.Length == 0)
        {
            notes.Add("No input column has the same number, category or boolean type in both tables, so the multivariate checks were skipped.");
            return ([], null);
        }
        IReadOnlyList<ReconstructionChunk> reconstruction = [];
        try
        {
            reconstruction = DataReconstructionDrift.Fit(reference, new DataReconstructionDriftOptions { Columns = columns, BandWidth = options.BandWidth })
                .Calculate(current, options.Window);
        }
        catch (Exception e) when (e is ArgumentException or KeelDataException)
        {
            notes.Add($"The reconstruction error was not computed: {e.Message}");
        }
        DomainClassifierResult? domain = null;
        if (reference.RowCount >= 50 && current.RowCount >= 50)
            domain = DomainClassifier.Compare(reference, current, new DomainClassifierOptions { Columns = columns, Seed = options.Seed });
        else notes.Add("The domain classifier needs at least 50 rows in each table.");
        return (reconstruction, domain);
    }

    /// <summary>
    /// The model's input columns both tables hold as numbers, categories or booleans of the same type, with a value on
    /// each side: what the drift tests and the multivariate checks compare.
    /// </summary>
    private static string[] Comparable(Model model, Table reference, Table current) =>
        model.Features.InputColumns
            .Where(c => reference.Schema.TryIndexOf(c) >= 0 && current.Schema.TryIndexOf(c) >= 0)
            .Where(c => MonitoredColumns.Usable(reference[c].Type) && current[c].Type == reference[c].Type)
            .Where(c => reference[c].MissingCount() < reference.RowCount && current[c].MissingCount() < current.RowCount)
            .ToArray();

    /// <summary>Class indexes of the label column, −1 where it is missing or a class the model does not know.</summary>
    private static int[] Labels(Model model, Table table)
    {
        var column = table[model.Target.Column];
        var classes = model.Target.Classes;
        var result = new int[table.RowCount];
        for (var r = 0; r < result.Length; r++)
        {
            var text = column.IsMissing(r) ? null : column.FormatValue(r);
            result[r] = text is null ? -1 : IndexOf(classes, text);
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<string> classes, string value)
    {
        for (var i = 0; i < classes.Count; i++) if (classes[i] == value) return i;
        return -1;
    }
}
