using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Models;
using Keel.Monitoring.Performance;
using Keel.Monitoring.Quality;

namespace Keel.Monitoring;

/// <summary>
/// Watches a model on new rows: data quality per window against the reference profile (the bundle's, so no training
/// data is needed), the realized performance per window when the rows carry labels, and for binary classifiers the
/// performance CBPE estimates from the model's own probabilities when a labelled reference is given. Pure: the caller
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
    public static MonitoringResult Run(Model model, DataProfile referenceProfile, Table? reference, Table current, MonitoringOptions? options = null)
    {
        options ??= new MonitoringOptions();
        if (options.Problems() is { } problems) throw new ArgumentException(problems, nameof(options));
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
                if (referenceLabelled)
                {
                    var refP = model.Predict(reference!).PositiveProbabilities();
                    var refY = Labels(model, reference!);
                    var known = Enumerable.Range(0, refY.Length).Where(i => refY[i] >= 0).ToArray();
                    var cbpe = Cbpe.Fit(known.Select(i => refP[i]).ToArray(), known.Select(i => refY[i]).ToArray(), options.Window, new CbpeOptions { BandWidth = options.BandWidth });
                    estimated = cbpe.Chunks(p, y is null || y.Any(v => v < 0) ? default : y);
                    if (y is not null && y.All(v => v >= 0))
                        realized = RealizedPerformance.BinaryChunks(known.Select(i => refY[i]).ToArray(), known.Select(i => refP[i]).ToArray(), y, p, options.Window, bandWidth: options.BandWidth);
                }
                else
                {
                    notes.Add($"Performance without labels (CBPE) needs a labelled reference: give the model's validation rows with their '{label}' column as the reference.");
                    if (y is not null && y.All(v => v >= 0))
                        realized = RealizedPerformance.BinaryChunks([], [], y, p, options.Window, bandWidth: options.BandWidth);
                }
                if (y is null) notes.Add($"The rows have no '{label}' column, so only estimated performance is shown.");
                else if (y.Any(v => v < 0)) notes.Add($"Some rows lack a '{label}' value; realized performance needs every row labelled.");
                break;
            }
            case TaskKind.Regression when currentLabelled:
            {
                var predicted = model.Predict(current).Values!;
                var actual = ((NumericColumn)current[label]).Values.ToArray();
                var (refActual, refPredicted) = referenceLabelled && reference![label] is NumericColumn refLabel
                    ? (refLabel.Values.ToArray(), model.Predict(reference).Values!) : ([], []);
                realized = RealizedPerformance.RegressionChunks(refActual, refPredicted, actual, predicted, options.Window, options.BandWidth);
                break;
            }
            case TaskKind.Regression:
                notes.Add($"The rows have no '{label}' column; regression performance needs labels (CBPE estimates classifiers only).");
                break;
            default:
                notes.Add("Performance monitoring of multiclass models is not built yet; data quality is checked.");
                break;
        }
        return new MonitoringResult(label, model.Target.Task.ToString(), current.RowCount, options.Window, quality, realized, estimated, notes);
    }

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
