using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Ensembles;
using Keel.Learn.Evaluation;
using Keel.Learn.Models;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Keel.Learn.Training;
using Keel.Tuning.Pruners;
using Keel.Tuning.Samplers;
using Keel.Tuning.Spaces;
using Keel.Store;
using Keel.Tuning.Studies;

namespace Keel.Tuning.AutoMl;

/// <summary>
/// Model selection, tuning and ensembling in one time budget. The rows are split (seeded, stratified) into a training
/// part and a held-out part, unless a test table is given. On the training part, one featurization is fitted and
/// every trial of every trainer is bagged on the same k folds: each fold's model learns on the other folds, so every
/// training row gets an out-of-fold output. Each trainer has its own study (TPE sampler, median pruner over folds; the
/// first trial is the trainer's defaults) and the trainers take turns. When the search time is spent, each trainer's
/// best configurations are the members of ensembles built on their out-of-fold outputs — Caruana's greedy selection,
/// and a stacking layer (a shallow LightGBM and a linear model learning from the features and the members' outputs)
/// weighted by selection again — as AutoGluon-Tabular does (Erickson et al. 2020). The model with the best
/// out-of-fold score is evaluated once on the held-out rows and packaged as an ordinary bundle.
/// </summary>
/// <example>
/// <code>
/// var outcome = AutoMlJob.Run(table, null, new AutoMlOptions { Label = "Churn", TimeBudget = TimeSpan.FromMinutes(5) });
/// outcome.Bundle.Save("churn.keel");
/// </code>
/// </example>
public static class AutoMlJob
{
    private const double SearchShare = 0.60;
    private const double TrialStopShare = 0.75;
    private const double StackingNeedsShare = 0.15;

    public static AutoMlOutcome Run(Table data, Table? test, AutoMlOptions options, IProgress<AutoMlProgress>? progress = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelTuningException(string.Join(" ", problems));
        clock ??= TimeProvider.System;
        var start = clock.GetTimestamp();
        TimeSpan Elapsed() => clock.GetElapsedTime(start);

        var target = Target.Detect(data, options.Label, options.Task, options.PositiveClass);
        if (target.Task == TaskKind.Anomaly) throw new KeelTuningException("keel automl is for classification and regression; train anomaly detectors with keel train --task anomaly.");
        var metric = options.Metric ?? MetricNames.DefaultFor(target.Task);
        if (!MetricNames.For(target.Task).Contains(metric))
            throw new KeelTuningException($"--metric '{metric}' does not apply to {target.Task.ToString().ToLowerInvariant()} tasks; use one of {string.Join(", ", MetricNames.For(target.Task))}.");
        var spaces = Spaces(options, target.Task);

        data = Labelled(data.WithRole(options.Label, ColumnRole.Label), target);
        var fingerprint = DataFingerprint.Compute(data);
        Table train, heldOut;
        if (test is null)
        {
            var (trainRows, testRows) = DataSplit.TrainTest(target.Encode(data), target.Task, options.TestFraction, options.Seed);
            (train, heldOut) = (data.Take(trainRows), data.Take(testRows));
        }
        else
        {
            if (test.Schema.TryIndexOf(options.Label) < 0) throw new KeelTuningException($"The test data has no column '{options.Label}'; it needs the label to evaluate on.");
            (train, heldOut) = (data, Labelled(test.WithRole(options.Label, ColumnRole.Label), target));
            if (heldOut.RowCount == 0) throw new KeelTuningException($"No row of the test data has a label '{options.Label}' the model knows.");
        }
        progress?.Report(new AutoMlProgress("data", $"{train.RowCount:N0} rows to search on ({options.Folds}-fold bagging), {heldOut.RowCount:N0} held out for the final evaluation."));
        var (plan, ensembleData) = EnsembleTrainer.Prepare(train, target, metric, options.Folds, options.Seed);
        var testFeatures = plan.Transform(heldOut);
        var testLabels = target.Encode(heldOut).Select(v => (float)v).ToArray();

        // Search: each trainer's study in turn, one trial at a time, until the search share of the budget is spent.
        var direction = MetricNames.HigherIsBetter(metric) ? StudyDirection.Maximize : StudyDirection.Minimize;
        var studies = spaces.Select((s, i) => Study.Open($"automl-{s.Trainer}", new InMemoryStudyStorage(clock), direction,
            new TpeSampler(new TpeSamplerOptions { Seed = options.Seed + i }), new MedianPruner())).ToArray();
        foreach (var (study, space) in studies.Zip(spaces)) study.Enqueue(SearchSpaceDefaults.Parameters(space));
        var fits = new Dictionary<(int Space, int Trial), BaggedFit>();
        var budget = options.TimeBudget;
        using var trialStop = new CancellationTokenSource(budget * TrialStopShare, clock);
        using var searchToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, trialStop.Token);
        var searching = true;
        double? best = null;
        for (var round = 0; searching; round++)
        {
            for (var i = 0; i < spaces.Count && searching; i++)
            {
                // The first round, every trainer's defaults, runs whatever the search share says (the trial stop still holds).
                if (round > 0 && Elapsed() >= budget * SearchShare) { searching = false; break; }
                if (options.TrialsPerTrainer is { } most && round >= most) { searching = false; break; }
                var s = i;
                try
                {
                    studies[s].Optimize(trial => Objective(s, trial), new OptimizeOptions { Trials = studies[s].Trials.Count(t => t.IsFinished) + 1, Worker = "automl" },
                        new ImmediateProgress<TrialProgress>(p =>
                        {
                            if (p.Trial.State == TrialState.Complete && p.Trial.Value is { } v && (best is null || (direction == StudyDirection.Maximize ? v > best : v < best))) best = v;
                            progress?.Report(new AutoMlProgress("search", Describe(p), spaces[s].Trainer, p.Trial, best));
                        }), clock, searchToken.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    progress?.Report(new AutoMlProgress("search", $"Stopped a {spaces[s].Trainer} trial at {TrialStopShare:P0} of the budget."));
                    searching = false;
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        double Objective(int s, Trial trial)
        {
            if (spaces[s].Suggest(trial) is not FeaturizedTrainer trainer)
                throw new KeelTuningException($"The {spaces[s].Trainer} search space does not make a trainer that can be bagged.");
            var fit = BaggedFit.Fit(trainer, $"{trainer.Name} #{trial.Number}", ensembleData.Features, ensembleData.Scaled, ensembleData,
                new TrainingContext { Seed = options.Seed, Threads = options.Threads, CancellationToken = trial.CancellationToken },
                (fold, mean) =>
                {
                    trial.Report(fold, mean);
                    if (fold < options.Folds && trial.ShouldPrune()) trial.Prune();
                });
            fits[(s, trial.Number)] = fit;
            Forget(fits, s, options.MembersPerTrainer, ensembleData);
            return fit.FoldScores.Average();
        }

        // Members: each trainer's best configurations by out-of-fold score.
        var members = Enumerable.Range(0, spaces.Count)
            .SelectMany(s => fits.Where(f => f.Key.Space == s).OrderBy(f => f.Value.Score, Order(ensembleData)).ThenBy(f => f.Key.Trial).Take(options.MembersPerTrainer)
                .Select(f => (f.Key.Space, f.Key.Trial, Fit: f.Value)))
            .OrderBy(m => m.Fit.Score, Order(ensembleData)).ToList();
        if (members.Count == 0)
            throw new KeelTuningException(string.Create(CultureInfo.InvariantCulture,
                $"No trial finished within the {budget.TotalSeconds:0} s budget ({string.Join(", ", studies.Select(st => $"{st.Name}: {st.Trials.Count} trials"))}). Raise --time-budget or use fewer --folds."));
        var memberFits = members.Select(m => m.Fit).ToArray();
        progress?.Report(new AutoMlProgress("ensemble", $"Ensembling {members.Count} models ({string.Join(", ", members.Select(m => m.Fit.Member.Name))})."));

        var candidates = new List<(string Name, EnsembleFit Fit, string Kind)>
        {
            ("best single model", Ensembling.Assemble([[memberFits[0]]], [1.0], ensembleData, memberFits[0].Member.Name), "single"),
        };
        if (options.Ensemble is "voting") candidates.Add(("voting", Ensembling.Vote(memberFits, ensembleData), "voting"));
        if (options.Ensemble is "auto" or "selection" && memberFits.Length > 1)
            candidates.Add(("ensemble selection", Ensembling.Select(memberFits, ensembleData), "selection"));
        var remaining = budget - Elapsed();
        if (options.Ensemble is "stacking" || options.Ensemble is "auto" && remaining >= budget * StackingNeedsShare)
        {
            using var stackStop = new CancellationTokenSource(options.Ensemble is "stacking" ? Timeout.InfiniteTimeSpan : remaining, clock);
            using var stackToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stackStop.Token);
            try
            {
                var stackers = new (FeaturizedTrainer, string)[] { (new LightGbmTrainer { Iterations = 100, Leaves = 15 }, "LightGbm stacker"), (new LinearTrainer(), "Linear stacker") }
                    .Where(st => st.Item1.Supports(target.Task)).ToArray();
                var second = Ensembling.NextLayer(memberFits, stackers, ensembleData,
                    new TrainingContext { Seed = options.Seed, Threads = options.Threads, CancellationToken = stackToken.Token });
                candidates.Add(("stacking", Ensembling.Stack(memberFits, second, ensembleData), "stacking"));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                progress?.Report(new AutoMlProgress("ensemble", "Stacking did not finish within the budget; left out."));
            }
        }
        else if (options.Ensemble is "auto")
        {
            progress?.Report(new AutoMlProgress("ensemble", "Less than 15 % of the budget was left: stacking skipped."));
        }
        cancellationToken.ThrowIfCancellationRequested();

        var chosen = options.Ensemble switch
        {
            "none" => candidates[0],
            "auto" => candidates.Aggregate((a, b) => ensembleData.Better(b.Fit.Score, a.Fit.Score) ? b : a),
            var kind => candidates.LastOrDefault(c => c.Kind == kind) is { Name: not null } c ? c : candidates[0],
        };
        var predictor = chosen.Fit.Predictor;
        if (options.Refit)
        {
            progress?.Report(new AutoMlProgress("refit", $"Refitting the {chosen.Fit.Sources.Sum(l => l.Count)} models of {chosen.Name} on all {train.RowCount:N0} training rows."));
            predictor = Ensembling.Refit(chosen.Fit, ensembleData, new TrainingContext { Seed = options.Seed, Threads = options.Threads, CancellationToken = cancellationToken });
        }
        var model = new Model { Target = target, Features = plan, Predictor = predictor, Link = predictor.LinkFor(), Trainer = "AutoMl" };
        progress?.Report(new AutoMlProgress("evaluate", $"Chose {chosen.Name} ({chosen.Fit.Description}); evaluating on {heldOut.RowCount:N0} held-out rows."));

        var leaderboard = members.Select(m => new LeaderboardEntry(m.Fit.Member.Name, "model", spaces[m.Space].Trainer, m.Trial,
                studies[m.Space].Trials.First(t => t.Number == m.Trial).Params.ToDictionary(p => p.Key, p => p.Value.ToString() ?? ""), m.Fit.Score, HeldOutScore(m.Fit), chosen.Kind == "single" && ReferenceEquals(m.Fit, memberFits[0])))
            .Concat(candidates.Where(c => c.Kind != "single").Select(c => new LeaderboardEntry(c.Name, "ensemble", c.Kind, null,
                new Dictionary<string, string> { ["members"] = c.Fit.Description }, c.Fit.Score,
                Evaluator.Evaluate(model with { Predictor = c.Fit.Predictor, Link = c.Fit.Predictor.LinkFor() }, heldOut, resamples: 0)[metric], ReferenceEquals(c.Fit, chosen.Fit))))
            .OrderBy(e => e.OutOfFold, Order(ensembleData)).ToArray();
        if (options.Refit)
            leaderboard = leaderboard.Select(e => e.Chosen
                ? e with { HeldOut = Evaluator.Evaluate(model, heldOut, resamples: 0)[metric], Parameters = new Dictionary<string, string>(e.Parameters) { ["refit"] = "every member refit on all training rows" } }
                : e).ToArray();

        var evaluation = Evaluator.Evaluate(model, heldOut, Evaluator.DefaultResamples, options.Seed);
        var summaries = spaces.Select((space, s) => Summary(space, studies[s], fits, s, HeldOutScore)).ToArray();
        var parameters = new Dictionary<string, string>
        {
            ["ensemble"] = chosen.Kind,
            ["members"] = chosen.Fit.Description,
            ["metric"] = metric,
            [$"out_of_fold_{metric}"] = chosen.Fit.Score.ToString("R", CultureInfo.InvariantCulture),
            ["folds"] = options.Folds.ToString(CultureInfo.InvariantCulture),
            ["refit"] = options.Refit ? "true" : "false",
            ["time_budget_seconds"] = budget.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
            ["trials"] = string.Join(", ", studies.Zip(spaces).Select(p => $"{p.Second.Trainer} {p.First.Trials.Count}")),
        };
        var bundle = TrainingJob.Package(model, "AutoMl", parameters, fingerprint, data.RowCount + (test is null ? 0 : heldOut.RowCount), train, heldOut, evaluation,
            new TrainingJobOptions { Label = options.Label, Task = target.Task, PositiveClass = options.PositiveClass, Seed = options.Seed, Name = options.Name, Source = options.Source },
            clock.GetUtcNow());
        var defaults = fits.Where(f => f.Key.Trial == 0).OrderBy(f => f.Value.Score, Order(ensembleData)).Select(f => (Space: f.Key.Space, Fit: f.Value)).FirstOrDefault();
        (string, EvaluationResult)? baseline = null;
        if (defaults.Fit is { } d)
        {
            var single = Ensembling.Assemble([[d]], [1.0], ensembleData, d.Member.Name).Predictor;
            baseline = ($"{spaces[defaults.Space].Trainer} with its defaults",
                Evaluator.Evaluate(model with { Predictor = single, Link = single.LinkFor() }, heldOut, Evaluator.DefaultResamples, options.Seed));
        }
        return new AutoMlOutcome(bundle, train, heldOut, metric, leaderboard, summaries, studies, Elapsed()) { Baseline = baseline };

        double HeldOutScore(BaggedFit fit) => ensembleData.Score(fit.Member.Outputs(testFeatures, options.Threads), testLabels);
    }

    private static List<ITrainerSearchSpace> Spaces(AutoMlOptions options, TaskKind task)
    {
        // Cheapest first, so that a short budget still sees every trainer's defaults.
        var named = (options.Trainers ?? ["linear", "lightgbm", "fasttree", "fastforest"]).Select(TrainerSearchSpaces.For).Distinct().ToList();
        var unsupported = named.Where(s => !s.Supports(task)).Select(s => s.Trainer).ToList();
        if (options.Trainers is not null && unsupported.Count > 0)
            throw new KeelTuningException($"--trainers: {string.Join(", ", unsupported)} do not support {task.ToString().ToLowerInvariant()} tasks.");
        return named.Where(s => s.Supports(task)).ToList();
    }

    private static Table Labelled(Table data, Target target)
    {
        var labels = target.Encode(data);
        var keep = target.LabelledRows(labels);
        return keep.Length == labels.Length ? data : data.Take(keep);
    }

    /// <summary>Orders scores best first.</summary>
    private static Comparer<double> Order(EnsembleData data) =>
        Comparer<double>.Create((a, b) => data.HigherIsBetter ? b.CompareTo(a) : a.CompareTo(b));

    /// <summary>Keeps a trainer's default trial and its best fits; the others' fold models are let go.</summary>
    private static void Forget(Dictionary<(int Space, int Trial), BaggedFit> fits, int space, int keep, EnsembleData data)
    {
        var mine = fits.Where(f => f.Key.Space == space && f.Key.Trial != 0).OrderBy(f => f.Value.Score, Order(data)).ThenBy(f => f.Key.Trial).Skip(keep).Select(f => f.Key).ToList();
        foreach (var key in mine) fits.Remove(key);
    }

    private static TrainerSummary Summary(ITrainerSearchSpace space, Study study, Dictionary<(int Space, int Trial), BaggedFit> fits, int s, Func<BaggedFit, double> heldOut)
    {
        var trials = study.Trials;
        var first = trials.FirstOrDefault(t => t.Number == 0 && t.State == TrialState.Complete);
        var bestTrial = study.BestTrial;
        return new TrainerSummary(space.Trainer,
            trials.Count(t => t.State == TrialState.Complete), trials.Count(t => t.State == TrialState.Pruned), trials.Count(t => t.State == TrialState.Failed),
            first?.Value, bestTrial?.Value, bestTrial?.Number,
            fits.TryGetValue((s, 0), out var d) ? heldOut(d) : null,
            bestTrial is not null && fits.TryGetValue((s, bestTrial.Number), out var b) ? heldOut(b) : null,
            bestTrial?.Params.ToDictionary(p => p.Key, p => p.Value.ToString() ?? "") ?? []);
    }

    private static string Describe(TrialProgress p)
    {
        var t = p.Trial;
        var parameters = string.Join(", ", t.Params.Select(kv => $"{kv.Key}={kv.Value}"));
        var outcome = t.State switch
        {
            TrialState.Complete => string.Create(CultureInfo.InvariantCulture, $"→ {t.Value:0.0000}"),
            TrialState.Pruned => string.Create(CultureInfo.InvariantCulture, $"pruned after fold {t.LastStep} ({t.Value ?? double.NaN:0.0000})"),
            _ => $"failed: {p.Error}",
        };
        var seconds = t.Duration is { } d ? string.Create(CultureInfo.InvariantCulture, $" in {d.TotalSeconds:0.0} s") : "";
        return $"trial {t.Number}: {parameters} {outcome}{seconds}";
    }
}
