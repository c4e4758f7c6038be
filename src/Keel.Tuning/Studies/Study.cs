using System.Text.Json.Nodes;
using Keel.Data;
using Keel.Store;
using Keel.Tuning.Pruners;
using Keel.Tuning.Samplers;

namespace Keel.Tuning.Studies;

/// <summary>
/// A named hyper-parameter search: trials that a sampler fills with parameters and an objective scores, kept in a
/// storage so that the study can be resumed (the numbering continues, the sampler sees every finished trial) and
/// shared by several workers, each claiming its own trials (Optuna's <c>Study</c> over its RDB storage).
/// </summary>
/// <example>
/// <code>
/// var study = Study.Open("quadratic", new InMemoryStudyStorage(), StudyDirection.Minimize, new TpeSampler(), new MedianPruner());
/// var result = study.Optimize(trial =>
/// {
///     var x = trial.SuggestFloat("x", -10, 10);
///     var kind = trial.SuggestCategorical("kind", ["square", "abs"]);
///     return kind == "square" ? (x - 2) * (x - 2) : Math.Abs(x - 2) + trial.SuggestFloat("offset", 0, 1); // "offset" is conditional
/// }, new OptimizeOptions { Trials = 40 });
/// </code>
/// </example>
public sealed class Study
{
    private Study(StudyRecord record, IStudyStorage storage, StudyDirection direction, ISampler sampler, IPruner? pruner)
    {
        Id = record.Id;
        Name = record.Name;
        Storage = storage;
        Direction = direction;
        Sampler = sampler;
        Pruner = pruner;
    }

    /// <summary>Opens the study of this name in the storage, creating it when it does not exist yet.</summary>
    /// <param name="sampler">The default value is a <see cref="TpeSampler"/> with its defaults.</param>
    /// <param name="pruner">The default value is null: no pruning.</param>
    public static Study Open(string name, IStudyStorage storage, StudyDirection direction, ISampler? sampler = null, IPruner? pruner = null)
    {
        sampler ??= new TpeSampler();
        var settings = new JsonObject { ["sampler"] = sampler.Describe(), ["pruner"] = pruner?.Describe() ?? "none" }.ToJsonString();
        var record = storage.GetOrCreateStudy(name, direction == StudyDirection.Maximize ? "maximize" : "minimize", settings);
        return new Study(record, storage, direction, sampler, pruner);
    }

    public long Id { get; }

    public string Name { get; }

    public StudyDirection Direction { get; }

    public ISampler Sampler { get; }

    public IPruner? Pruner { get; }

    internal IStudyStorage Storage { get; }

    /// <summary>Finished trials as read before: their stored form never changes, so each is decoded once.</summary>
    private readonly Dictionary<long, FrozenTrial> _finished = [];

    /// <summary>Every trial of the study, decoded, reusing the finished ones decoded earlier.</summary>
    internal List<FrozenTrial> Load()
    {
        var records = Storage.ListTrials(Id);
        lock (_finished)
            return records.Select(r =>
            {
                if (_finished.TryGetValue(r.Id, out var known) && known.State == r.State) return known;
                var frozen = TrialCodec.Freeze(r);
                if (frozen.IsFinished) _finished[r.Id] = frozen;
                return frozen;
            }).ToList();
    }

    /// <summary>Every trial of the study, by number, as stored now (other workers' included).</summary>
    public IReadOnlyList<FrozenTrial> Trials => Load();

    /// <summary>The complete trial with the best value (the earliest among equals), or null when none is complete.</summary>
    public FrozenTrial? BestTrial => Best(Trials);

    private FrozenTrial? Best(IEnumerable<FrozenTrial> trials)
    {
        var sign = Direction == StudyDirection.Maximize ? -1 : 1;
        return trials.Where(t => t.State == TrialState.Complete).OrderBy(t => sign * t.Value!.Value).ThenBy(t => t.Number).FirstOrDefault();
    }

    /// <summary>Queues a trial with fixed parameters (e.g. a trainer's defaults); a worker runs it before sampling new ones.</summary>
    public void Enqueue(IReadOnlyDictionary<string, ParameterValue> parameters) => Storage.EnqueueTrial(Id, TrialCodec.WriteParams(parameters));

    /// <summary>
    /// Runs trials until the study holds <see cref="OptimizeOptions.Trials"/> trials or the time budget is spent.
    /// Each trial is stored when it finishes, before the next starts. A trial whose objective throws a Keel or
    /// argument error fails and the study goes on; a cancelled one is stored as failed and the cancellation is
    /// rethrown; a search-space mistake (<see cref="KeelTuningException"/>) fails the trial and is rethrown. With
    /// <see cref="OptimizeOptions.Workers"/> above 1, that many trials run at once on their own threads (Optuna's
    /// <c>n_jobs</c>); the objective must then be safe to call concurrently, and progress is reported one trial at a time.
    /// </summary>
    public OptimizeResult Optimize(Func<Trial, double> objective, OptimizeOptions options, IProgress<TrialProgress>? progress = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelTuningException(string.Join(" ", problems));
        clock ??= TimeProvider.System;
        var start = clock.GetTimestamp();
        Storage.ReleaseStaleTrials(Id, options.StaleAfter);
        var run = new OptimizeRun(objective, options, progress, clock, start);
        if (options.Workers == 1)
        {
            Loop(run, options.Worker, cancellationToken);
            return new OptimizeResult(run.Finished, BestTrial);
        }
        return Parallel(run, cancellationToken);
    }

    /// <summary>What the workers of one <see cref="Optimize"/> call share: its settings, its start, its count of finished trials.</summary>
    private sealed class OptimizeRun(Func<Trial, double> objective, OptimizeOptions options, IProgress<TrialProgress>? progress, TimeProvider clock, long start)
    {
        public Func<Trial, double> Objective { get; } = objective;

        public OptimizeOptions Options { get; } = options;

        public TimeProvider Clock { get; } = clock;

        public long Start { get; } = start;

        public int Finished;

        public Lock ProgressLock { get; } = new();

        public IProgress<TrialProgress>? Progress { get; } = progress;
    }

    /// <summary>
    /// One worker: claims trials until the study is full or the budget is spent. Claims are atomic in the storage,
    /// so workers of one call, of other processes or of other machines never get the same trial.
    /// </summary>
    private void Loop(OptimizeRun run, string worker, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (run.Options.TimeBudget is { } budget && run.Clock.GetElapsedTime(run.Start) >= budget) break;
            if (Storage.ClaimTrial(Id, worker, run.Options.Trials) is not { } record) break;
            var frozen = Run(run.Objective, record, run.Options, run.Clock, cancellationToken);
            lock (run.ProgressLock) // one report at a time, counted in the order they are reported
            {
                var finished = ++run.Finished;
                run.Progress?.Report(new TrialProgress(frozen, BestTrial, finished, frozen.UserAttributes.GetValueOrDefault("error")));
            }
        }
    }

    /// <summary>
    /// <see cref="OptimizeOptions.Workers"/> loops on their own threads, named "{worker}#1", "{worker}#2", ... When one
    /// fails, the others are cancelled (their running trials are stored as failed) and its error is rethrown.
    /// </summary>
    private OptimizeResult Parallel(OptimizeRun run, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? first = null;
        var workers = Enumerable.Range(1, run.Options.Workers).Select(k => Task.Factory.StartNew(() =>
        {
            try
            {
                Loop(run, $"{run.Options.Worker}#{k}", stop.Token);
            }
            catch (Exception e)
            {
                if (!(e is OperationCanceledException && stop.IsCancellationRequested)) Interlocked.CompareExchange(ref first, e, null);
                stop.Cancel();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Task.WaitAll(workers, CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        return new OptimizeResult(run.Finished, BestTrial);
    }

    private FrozenTrial Run(Func<Trial, double> objective, TrialRecord record, OptimizeOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var history = Load().Where(t => t.Number != record.Number && t.IsFinished).ToList();
        var trial = new Trial(this, record, history, cancellationToken);
        using var heartbeat = clock.CreateTimer(_ => Beat(record.Id), null, options.HeartbeatInterval, options.HeartbeatInterval);
        try
        {
            var value = objective(trial);
            return double.IsFinite(value)
                ? Finish(trial, TrialState.Complete, value)
                : Finish(trial, TrialState.Failed, null, $"the objective returned {value}");
        }
        catch (TrialPrunedException)
        {
            return Finish(trial, TrialState.Pruned, trial.Intermediate.Count == 0 ? null : trial.Intermediate[trial.Intermediate.Keys.Max()]);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Finish(trial, TrialState.Failed, null, "cancelled");
            throw;
        }
        catch (KeelTuningException e)
        {
            Finish(trial, TrialState.Failed, null, e.Message);
            throw;
        }
        catch (Exception e) when (e is KeelDataException or ArgumentException or InvalidOperationException)
        {
            return Finish(trial, TrialState.Failed, null, e.Message);
        }
    }

    private FrozenTrial Finish(Trial trial, TrialState state, double? value, string? error = null)
    {
        if (error is not null) trial.SetUserAttribute("error", error);
        var record = Storage.FinishTrial(trial.Id, state, value, TrialCodec.WriteParams(trial.Params), TrialCodec.WriteAttributes(trial.UserAttributes));
        return TrialCodec.Freeze(record);
    }

    /// <summary>A heartbeat from the timer's thread; a failed one is not fatal (the next one, or the trial's end, will tell).</summary>
    private void Beat(long trialId)
    {
        try
        {
            Storage.Heartbeat(trialId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A missed heartbeat only brings the trial closer to being released as stale.
        }
    }
}

/// <summary>What <see cref="Study.Optimize"/> did: the trials this call finished, and the study's best trial.</summary>
public sealed record OptimizeResult(int FinishedTrials, FrozenTrial? Best);
