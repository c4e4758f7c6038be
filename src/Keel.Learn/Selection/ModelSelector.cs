using System.Diagnostics;
using Keel.Data;
using Keel.Learn.Evaluation;
using Keel.Learn.Trainers;

namespace Keel.Learn.Selection;

/// <summary>
/// Compares trainers by k-fold cross-validation on the training rows only, within a time budget, and reports every
/// candidate. The winner has the best mean fold score; ties go to the earlier candidate.
/// </summary>
public static class ModelSelector
{
    public static SelectionResult Select(Table train, Target target, SelectionOptions? options = null,
        IProgress<SelectionProgress>? progress = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        options ??= new SelectionOptions();
        clock ??= TimeProvider.System;
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelLearnException(string.Join(" ", problems));
        var metric = options.Metric ?? MetricNames.DefaultFor(target.Task);
        if (!MetricNames.For(target.Task).Contains(metric))
            throw new KeelLearnException($"--metric '{metric}' does not apply to {target.Task.ToString().ToLowerInvariant()} tasks; use one of {string.Join(", ", MetricNames.For(target.Task))}.");
        var candidates = (options.Candidates ?? SelectionOptions.BuiltInTrainers()).Where(t => t.Supports(target.Task)).ToList();
        if (candidates.Count == 0) throw new KeelLearnException($"No candidate trainer supports {target.Task.ToString().ToLowerInvariant()} tasks.");

        var labels = target.Encode(train);
        var folds = DataSplit.KFold(labels, target.Task, options.Folds, options.Seed);
        var start = clock.GetTimestamp();
        var results = new List<CandidateResult>();
        foreach (var trainer in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.GetElapsedTime(start) >= options.TimeBudget)
            {
                results.Add(new CandidateResult { Trainer = trainer.Name, Parameters = trainer.Parameters, Metric = metric, FoldScores = [], Status = CandidateStatus.Skipped, Note = "the time budget ran out before it started" });
                progress?.Report(new SelectionProgress(trainer.Name, 0, folds.Length, null, results[^1]));
                continue;
            }
            results.Add(RunCandidate(trainer, train, target, folds, metric, options, start, clock, progress, cancellationToken));
        }

        var eligible = results.Where(r => r.FoldScores.Length > 0).ToList();
        if (eligible.Count == 0)
            throw new KeelLearnException("No candidate finished a fold: " + string.Join("; ", results.Select(r => $"{r.Trainer}: {r.Note ?? r.Status.ToString()}")) + ". Raise --time-budget or check the data.");
        var higher = MetricNames.HigherIsBetter(metric);
        var best = eligible.Aggregate((a, b) => (higher ? b.Mean > a.Mean : b.Mean < a.Mean) ? b : a);
        return new SelectionResult(results, best, metric, options.Folds);
    }

    private static CandidateResult RunCandidate(ITrainer trainer, Table train, Target target, int[][] folds, string metric,
        SelectionOptions options, long start, TimeProvider clock, IProgress<SelectionProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var scores = new List<double>();
        var all = Enumerable.Range(0, train.RowCount).ToArray();
        try
        {
            for (var f = 0; f < folds.Length; f++)
            {
                if (f > 0 && clock.GetElapsedTime(start) >= options.TimeBudget) break;
                progress?.Report(new SelectionProgress(trainer.Name, f + 1, folds.Length, null));
                var validation = folds[f];
                var fit = all.Except(validation).ToArray();
                var model = trainer.Fit(train.Take(fit), target, new TrainingContext { Seed = options.Seed, Threads = options.Threads, CancellationToken = cancellationToken });
                var result = Evaluator.Evaluate(model, train.Take(validation), resamples: 0);
                scores.Add(result[metric]);
                progress?.Report(new SelectionProgress(trainer.Name, f + 1, folds.Length, scores[^1]));
            }
        }
        catch (Exception e) when (e is KeelLearnException or InvalidOperationException or ArgumentException)
        {
            var failed = new CandidateResult { Trainer = trainer.Name, Parameters = trainer.Parameters, Metric = metric, FoldScores = scores.ToArray(), Status = CandidateStatus.Failed, Duration = watch.Elapsed, Note = e.Message };
            progress?.Report(new SelectionProgress(trainer.Name, scores.Count, folds.Length, null, failed));
            return failed with { FoldScores = [] };
        }
        var status = scores.Count == folds.Length ? CandidateStatus.Completed : CandidateStatus.Partial;
        var done = new CandidateResult
        {
            Trainer = trainer.Name, Parameters = trainer.Parameters, Metric = metric, FoldScores = scores.ToArray(), Status = status, Duration = watch.Elapsed,
            Note = status == CandidateStatus.Partial ? $"the time budget ran out after {scores.Count} of {folds.Length} folds" : null,
        };
        progress?.Report(new SelectionProgress(trainer.Name, scores.Count, folds.Length, done.Mean, done));
        return done;
    }
}
