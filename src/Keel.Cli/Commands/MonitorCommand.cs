using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Data.Io;
using Keel.Data.Profiling;
using Keel.Learn.Bundles;
using Keel.Monitoring;
using Keel.Monitoring.Streaming;
using Keel.Reports;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel monitor</c>: how a model is doing on new rows (data quality, performance with or without labels), or a
/// streaming drift detector run over one column of a file.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "The model bundle (.keel) whose inputs and predictions are watched." };
        var current = new Option<string?>("--current") { Description = "The new rows (CSV or Parquet), in arrival order; with the label column, realized performance is shown too." };
        var reference = new Option<string?>("--reference") { Description = "Reference rows, e.g. the validation data with labels: enables performance estimation without labels (CBPE) and its alert bands. [default: the bundle's profile of its training data, and its held-out predictions]" };
        var kpi = new Option<string?>("--kpi") { Description = "A binary classifier's business KPI (kpi.yaml: the value of each outcome): each window's value per decision, realized with labels and estimated without. [default: the KPI in the bundle, if any]" };
        var window = new Option<int>("--window") { Description = "Rows per window. [default: 1000]", DefaultValueFactory = _ => 1000 };
        var stream = new Option<string?>("--stream") { Description = "Run a streaming drift detector over one column of this file, in file order, instead." };
        var column = new Option<string?>("--column") { Description = "With --stream: the column to watch, e.g. a 0/1 error column." };
        var detector = new Option<string>("--detector") { Description = $"With --stream: {string.Join(", ", DriftDetectors.Names)}. [default: adwin]", DefaultValueFactory = _ => "adwin" };
        var parameters = new Option<string[]>("--param") { Description = "With --stream: a detector setting NAME=VALUE, named as River names it (e.g. delta=0.01). Repeatable." };
        var output = new Option<string?>("--out", "-o") { Description = "Write an HTML report here." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output." };
        var tests = new Option<string[]>("--test") { Description = "A column's drift test, COLUMN=TEST with TEST one of ks, psi, wasserstein, jensenshannon, chisquare, z, hellinger, tvd, anderson. Repeatable. [default: Evidently's rule per column]" };
        var thresholds = new Option<string[]>("--threshold") { Description = "A column's drift threshold, COLUMN=VALUE (a p-value for ks, chisquare, z, tvd, anderson; a distance otherwise). Repeatable." };
        var driftShare = new Option<double>("--drift-share") { Description = "The share of shifted inputs that marks the data set as drifted. [default: 0.5]", DefaultValueFactory = _ => 0.5 };
        var failOnAlert = new Option<bool>("--fail-on-alert") { Description = "Exit with code 5 when a window has a data-quality problem or a performance alert (for schedulers and CI)." };
        var command = new Command("monitor", "Watch a model on new rows: data quality against its training data, performance per window (estimated without labels, realized with them), alerts; or run a streaming drift detector over a column (--stream).");
        foreach (var option in new Option[] { model, current, reference, kpi, window, tests, thresholds, driftShare, stream, column, detector, parameters, output, json, failOnAlert }) command.Options.Add(option);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                if (result.GetValue(stream) is { } streamPath)
                    return Stream(console, streamPath, result.GetValue(column), result.GetRequiredValue(detector), result.GetValue(parameters) ?? [], ct);
                var modelPath = result.GetValue(model) ?? throw new KeelDataException("keel monitor needs --model m.keel and --current new.csv (or --stream file.csv --column c).");
                var currentPath = result.GetValue(current) ?? throw new KeelDataException("keel monitor needs --current: the new rows to check against the model.");
                var outPath = result.GetValue(output);
                if (outPath is not null) TrainingRunner.RequireFolder(outPath, "--out");
                var windowRows = result.GetValue(window);
                if (windowRows < 10) throw new KeelDataException($"--window must be at least 10 rows; it is {windowRows}.");
                var bundle = ModelBundle.Load(modelPath);
                var currentRows = Read(console, currentPath, ct);
                var referenceRows = result.GetValue(reference) is { } referencePath ? Read(console, referencePath, ct) : null;
                var profile = referenceRows is null ? bundle.Profile : DataProfile.Build(referenceRows);
                var drift = new Keel.Monitoring.Drift.DatasetDriftOptions
                {
                    ColumnTests = Pairs(result.GetValue(tests), "--test", "COLUMN=TEST, e.g. --test tenure=psi", v => v),
                    ColumnThresholds = Pairs(result.GetValue(thresholds), "--threshold", "COLUMN=VALUE, e.g. --threshold tenure=0.2",
                        v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new KeelDataException($"--threshold: '{v}' is not a number.")),
                    DriftShare = result.GetValue(driftShare),
                };
                var value = result.GetValue(kpi) is { } kpiPath ? Keel.Learn.Decisions.DecisionValue.Read(kpiPath) : bundle.Decision?.Value;
                if (value is not null && bundle.Model.Target.Task != Keel.Learn.TaskKind.Binary)
                    throw new KeelDataException($"--kpi applies to binary classifiers; {bundle.Manifest.Name} is a {bundle.Manifest.Task.ToString().ToLowerInvariant()} model.");
                var options = new MonitoringOptions { Window = windowRows, Drift = drift, Value = value };
                if (options.Problems() is { } problems) throw new KeelDataException(problems);
                var monitored = ModelMonitor.Run(bundle.Model, profile, referenceRows, currentRows, options, bundle.Reference);
                var name = $"{bundle.Manifest.Name} v{bundle.Manifest.Version}";
                console.Heading($"{name} on {Path.GetFileName(currentPath)}: {monitored.Rows:N0} rows in {monitored.Quality.Count} windows");
                foreach (var sentence in MonitoringReport.Summary(monitored)) console.Info(sentence);
                foreach (var note in monitored.Notes) console.Warning(note);
                if (outPath is not null)
                {
                    AtomicFile.WriteAllText(outPath, MonitoringReport.Build(name, Path.GetFileName(currentPath), monitored).Render());
                    console.Success($"Wrote the monitoring report to {Path.GetFullPath(outPath)}.");
                }
                console.Result(new
                {
                    model = bundle.Manifest.Name,
                    version = bundle.Manifest.Version,
                    rows = monitored.Rows,
                    window = monitored.Window,
                    reference = referenceRows is not null ? Path.GetFullPath(result.GetValue(reference)!)
                        : bundle.Reference is null ? "bundle profile" : "bundle profile and held-out predictions",
                    summary = MonitoringReport.Summary(monitored),
                    quality = monitored.Quality.Select(w => new
                    {
                        start = w.Start,
                        rows = w.Rows,
                        issues = w.Issues.Select(i => new { kind = i.Kind.ToString(), column = i.Column, message = i.Message }),
                    }),
                    kpi = monitored.Value,
                    threshold = bundle.Model.Target.Task == Keel.Learn.TaskKind.Binary ? bundle.Model.Threshold : (double?)null,
                    estimated = monitored.Estimated.Select(Chunk),
                    realized = monitored.Realized.Select(Chunk),
                    drift = monitored.Drift is { } d0 ? new
                    {
                        mode = monitored.DriftMode,
                        drifted = d0.Drifted,
                        driftedShare = d0.DriftedShare,
                        driftShare = d0.DriftShare,
                        columns = d0.Columns.Select(c => new { column = c.Column, test = c.Test, statistic = Finite(c.Statistic), pValue = c.PValue, adjustedPValue = c.AdjustedPValue, threshold = c.Threshold, drifted = c.Drifted }),
                        windows = monitored.DriftWindows.Select(w => new { drifted = w.Drifted, driftedShare = w.DriftedShare, columns = w.Columns.Where(c => c.Drifted).Select(c => c.Column) }),
                    } : null,
                    reconstruction = monitored.Reconstruction.Select(c => new { index = c.Index, start = c.Start, rows = c.Rows, error = c.Error, lower = c.LowerThreshold, upper = c.UpperThreshold, alert = c.Alert }),
                    domainClassifier = monitored.Domain is { } d ? new
                    {
                        auc = d.Auc,
                        foldAucs = d.FoldAucs,
                        threshold = d.Threshold,
                        drifted = d.Drifted,
                        columns = d.Columns.Select(c => new { column = c.Column, importance = c.Mean, std = c.Std }),
                    } : null,
                    notes = monitored.Notes,
                    report = outPath is null ? null : Path.GetFullPath(outPath),
                });
                var alerted = monitored.PerformanceAlerts.Count > 0 || monitored.Quality.Any(w => w.HasIssues)
                    || monitored.Domain?.Drifted == true || monitored.Reconstruction.Any(c => c.Alert) || monitored.Drift?.Drifted == true;
                return alerted && result.GetValue(failOnAlert) ? ExitCodes.Alert : ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static object Chunk(Keel.Monitoring.Performance.PerformanceChunk c) => new
    {
        index = c.Index,
        start = c.Start,
        rows = c.Rows,
        metrics = c.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value),
        realized = c.Realized?.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value),
        band = c.Band.ToDictionary(b => b.Key, b => new[] { b.Value.Lower, b.Value.Upper }),
        alerts = c.Alerts,
    };

    /// <summary>COLUMN=VALUE pairs of a repeatable option.</summary>
    private static Dictionary<string, T>? Pairs<T>(string[]? values, string option, string form, Func<string, T> parse)
    {
        if (values is not { Length: > 0 }) return null;
        var pairs = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.LastIndexOf('=');
            if (eq <= 0 || eq == value.Length - 1) throw new KeelDataException($"{option} \"{value}\" is not {form}.");
            pairs[value[..eq].Trim()] = parse(value[(eq + 1)..].Trim());
        }
        return pairs;
    }

    /// <summary>JSON has no infinity: a statistic that is (chi-square with a new category) becomes null.</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static Table Read(Output console, string path, CancellationToken ct)
    {
        var table = TableReader.Read(path, new CsvReadOptions { CancellationToken = ct, Progress = console.RowProgress($"Reading {Path.GetFileName(path)}") });
        console.Info($"Read {table.RowCount:N0} rows × {table.ColumnCount} columns from {path}.");
        return table;
    }

    private static int Stream(Output console, string path, string? columnName, string detectorName, string[] settings, CancellationToken ct)
    {
        if (columnName is null) throw new KeelDataException("--stream needs --column: the column of the file to watch (e.g. a 0/1 error column).");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=');
            if (eq <= 0) throw new KeelDataException($"--param \"{setting}\" is not NAME=VALUE, e.g. --param delta=0.01.");
            parameters[setting[..eq].Trim()] = setting[(eq + 1)..].Trim();
        }
        IDriftDetector detector;
        try
        {
            detector = DriftDetectors.Create(detectorName, parameters);
        }
        catch (ArgumentException e)
        {
            throw new KeelDataException($"--detector/--param: {e.Message}");
        }
        var table = Read(console, path, ct);
        if (table.Schema.TryIndexOf(columnName) < 0)
            throw new KeelDataException($"{path} has no column '{columnName}'. It has: {string.Join(", ", table.Schema.Names)}.");
        if (table[columnName] is not NumericColumn numeric)
            throw new KeelDataException($"Column '{columnName}' of {path} is not numeric; a drift detector watches numbers (e.g. 0/1 errors or a loss).");
        var values = numeric.Values.ToArray();
        var missing = Array.FindIndex(values, double.IsNaN);
        if (missing >= 0) throw new KeelDataException($"Column '{columnName}' of {path} is empty at data row {missing + 1}; fill or drop the missing values first.");
        DriftRun run;
        try
        {
            run = DriftRun.Over(detector, values);
        }
        catch (ArgumentException e)
        {
            throw new KeelDataException($"Column '{columnName}' of {path}: {e.Message}");
        }
        console.Heading($"{detector.Name} over '{columnName}' ({run.Length:N0} values)");
        console.Info(run.DriftIndices.Count == 0 ? "No drift detected." : $"Drift detected at {string.Join(", ", run.DriftIndices.Select(i => i.ToString("N0", CultureInfo.InvariantCulture)))} (0-based positions in the file's rows).");
        if (run.WarningIndices.Count > 0) console.Info($"Warnings at {string.Join(", ", run.WarningIndices.Select(i => i.ToString("N0", CultureInfo.InvariantCulture)))}.");
        console.Result(new { detector = detector.Name, column = columnName, length = run.Length, warnings = run.WarningIndices, drifts = run.DriftIndices });
        return ExitCodes.Success;
    }
}
