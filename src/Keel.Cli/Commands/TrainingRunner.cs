using System.Globalization;
using Keel.Data;
using Keel.Learn.Evaluation;
using Keel.Learn.Training;
using Keel.Reports;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary>Runs a training job with progress, prints what it found, and writes the bundle and report.</summary>
internal static class TrainingRunner
{
    public static TrainingOutcome Run(Output output, Keel.Data.Table table, TrainingJobOptions job, string bundlePath, string reportPath, ReportWording wording, string storeUri, CancellationToken ct,
        Keel.Learn.Bundles.ModelBundle? parent = null)
    {
        Keel.Store.StoreUri.Parse(storeUri); // a malformed --store is refused before any work
        RequireFolder(bundlePath, "--out");
        RequireFolder(reportPath, "--report");
        output.Heading(job.Task == Keel.Learn.TaskKind.Anomaly
            ? $"Training an anomaly detector ({job.Detector.Name}){(job.Label.Length > 0 ? $", evaluated against '{job.Label}'" : "")}"
            : $"Training a model to predict '{job.Label}'");
        var outcome = TrainingProgressView.Run(output, progress => TrainingJob.Run(table, job, progress, cancellationToken: ct));
        var bundle = outcome.Bundle;
        if (bundle.Selection is { } selection)
        {
            var candidates = new Spectre.Console.Table().AddColumns("trainer", $"CV {selection.Metric} (mean ± sd)", "folds", "time", "status");
            foreach (var c in selection.Candidates)
                candidates.AddRow(
                    Markup.Escape(c.Trainer + (c.Trainer == selection.Best.Trainer ? " (chosen)" : "")),
                    c.FoldScores.Length == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{c.Mean:0.0000} ± {c.Std:0.0000}"),
                    c.FoldScores.Length.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{c.Duration.TotalSeconds:0.0} s"),
                    Markup.Escape(c.Note is null ? c.Status.ToString().ToLowerInvariant() : $"{c.Status.ToString().ToLowerInvariant()}: {c.Note}"));
            output.Info($"Model selection ({selection.Folds}-fold cross-validation on {outcome.Train.RowCount:N0} training rows):");
            output.Table(candidates);
        }

        IReadOnlyList<ColumnImportance>? importance = null;
        if (bundle.Evaluation is { } evaluation)
        {
            output.Info($"Held-out evaluation of {bundle.Manifest.Trainer} on {outcome.Test.RowCount:N0} rows it never saw:");
            output.Table(MetricsTable(evaluation));
            foreach (var line in PlainLanguage.Summarize(evaluation, bundle.Manifest.PositiveClass, wording)) output.Info("  " + line);
            if (evaluation.Decisions is { } decisions)
            {
                output.Info($"Business value ({decisions.Value.Name}) on the held-out rows:");
                output.Table(ValueTable(decisions));
                foreach (var line in DecisionReport.Summary(bundle.Decision, decisions)) output.Info("  " + line);
            }
            ct.ThrowIfCancellationRequested();
            importance = PermutationImportance.Compute(bundle.Model, outcome.Test, seed: job.Seed);
        }
        else
        {
            output.Info($"{bundle.Manifest.Trainer} learned from {outcome.Train.RowCount:N0} rows without a label; give --label to evaluate it on held-out rows. Rows scoring above {bundle.Model.Threshold.ToString("G6", CultureInfo.InvariantCulture)} are flagged.");
        }
        var html = TrainingReport.Build(bundle, importance, wording).Render();
        var saved = bundle.Save(bundlePath);
        Keel.Data.Io.AtomicFile.WriteAllText(reportPath, html);
        output.Success($"Wrote {Path.GetFullPath(bundlePath)} (SHA-256 {saved.FileSha256![..16]}…) and {Path.GetFullPath(reportPath)}.");
        using var store = StoreOption.Open(storeUri);
        var run = RunLogger.LogTraining(store, saved, job.Selection, job.TestFraction, bundlePath, reportPath);
        output.Info($"Logged run {run.Id} in experiment '{run.Experiment}' of {store.Location}{(bundle.Selection is null ? "" : ", with a child run per candidate")}.");
        var comparison = parent is null ? null : Compare(parent, saved);
        if (comparison is not null)
        {
            var changes = new Spectre.Console.Table().AddColumns("metric", $"parent ({Markup.Escape(job.Parent ?? "")})", "retrained", "change");
            foreach (var c in comparison)
                changes.AddRow(c.Metric, Format(c.Parent), Format(c.Retrained),
                    c.Change is { } d ? d.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "–");
            output.Info("Held-out metrics of the parent and the retrained model:");
            output.Table(changes);
        }
        output.Result(new
        {
            model = Path.GetFullPath(bundlePath),
            report = Path.GetFullPath(reportPath),
            sha256 = saved.FileSha256,
            run = run.Id,
            task = bundle.Manifest.Task,
            trainer = bundle.Manifest.Trainer,
            metrics = bundle.Evaluation?.Metrics ?? [],
            candidates = bundle.Selection?.Candidates ?? [],
            threshold = bundle.Model.Target.Task is Keel.Learn.TaskKind.Anomaly or Keel.Learn.TaskKind.Binary ? bundle.Model.Threshold : (double?)null,
            kpi = bundle.Evaluation?.Decisions,
            thresholdChoice = bundle.Decision is { } choice ? new { choice.Threshold, choice.Validation, chosen = choice.Chosen, atDefault = choice.AtDefault, everyone = choice.Everyone, noOne = choice.NoOne, choice.Rows } : null,
            parent = job.Parent,
            comparison,
        });
        return outcome with { Bundle = saved };
    }

    public static Spectre.Console.Table MetricsTable(EvaluationResult evaluation)
    {
        var table = new Spectre.Console.Table().AddColumns("metric", "value", "95 % interval");
        foreach (var m in evaluation.Metrics)
            table.AddRow(m.Name, m.Value.ToString("0.0000", CultureInfo.InvariantCulture),
                m.Lower is { } lo && m.Upper is { } hi ? string.Create(CultureInfo.InvariantCulture, $"{lo:0.0000} – {hi:0.0000}") : "");
        return table;
    }

    /// <summary>A KPI at the model's threshold and at the alternatives: threshold, total, per decision and per 1,000 decisions.</summary>
    public static Spectre.Console.Table ValueTable(Keel.Learn.Decisions.DecisionEvaluation decisions)
    {
        var v = decisions.Value;
        var unit = v.Unit.Length > 0 ? $" ({Markup.Escape(v.Unit)})" : "";
        var table = new Spectre.Console.Table().AddColumns("decision", "threshold", $"total{unit}", $"per decision{unit}", $"per 1,000{unit}");
        foreach (var (name, p) in new[] { ("model at its threshold", decisions.AtThreshold), ("model at 0.5", decisions.AtDefault), ("act on everyone", decisions.Everyone), ("act on no one", decisions.NoOne) })
            table.AddRow(name,
                double.IsPositiveInfinity(p.Threshold) ? "never" : double.IsNegativeInfinity(p.Threshold) ? "always" : p.Threshold.ToString("0.####", CultureInfo.InvariantCulture),
                p.Total.ToString("#,0.##", CultureInfo.InvariantCulture), p.PerDecision.ToString("#,0.####", CultureInfo.InvariantCulture), p.PerThousand.ToString("#,0.##", CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>The held-out metrics of a parent and its retrained model, by the parent's metric names.</summary>
    private static IReadOnlyList<MetricComparison> Compare(Keel.Learn.Bundles.ModelBundle parent, Keel.Learn.Bundles.ModelBundle retrained)
    {
        var now = retrained.Manifest.Metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
        return parent.Manifest.Metrics.Select(m => new MetricComparison(m.Name, m.Value, now.TryGetValue(m.Name, out var v) ? v : null,
            now.TryGetValue(m.Name, out var w) ? w - m.Value : null)).ToList();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    /// <summary>Refuses, before any work, an output path whose folder does not exist.</summary>
    public static void RequireFolder(string path, string option)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new KeelDataException($"{option} {path}: the folder {dir} does not exist; create it first.");
    }

}

/// <summary>One held-out metric of a parent model and of the model retrained from it.</summary>
internal sealed record MetricComparison(string Metric, double Parent, double? Retrained, double? Change);
