using System.Diagnostics;
using System.Threading.Channels;
using Keel.Serving.Inference;
using Keel.Serving.Logging;
using Keel.Serving.Models;
using Keel.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Rollout;

/// <summary>A request the shadow challenger is to score after the champion answered it.</summary>
internal sealed record ShadowWork(RolloutState State, RolloutGeneration Generation, ServedModel Challenger, InferenceRequest Request, string RequestId, string[]? ChampionLabels, LabelWindow.Entry? Entry);

/// <summary>
/// Scores shadow requests off the response path: a bounded queue (<see cref="RolloutOptions.ShadowQueueCapacity"/>)
/// that two workers drain through the challenger's own micro-batcher. A request that finds the queue full is dropped
/// and counted, so the champion's answers never wait for the challenger. Each scored request goes to the prediction
/// log as <c>shadow</c> under the champion's request id, and its labels are compared with the champion's.
/// </summary>
internal sealed class ShadowScorer : BackgroundService
{
    private const int Workers = 2;

    private readonly Channel<ShadowWork> _queue;
    private readonly PredictionLog _log;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly bool _active;
    private long _failures;

    public ShadowScorer(ServerOptions options, PredictionLog log, TimeProvider clock, ILogger<ShadowScorer> logger)
    {
        _active = options.Rollout?.Mode == RolloutMode.Shadow;
        _queue = Channel.CreateBounded<ShadowWork>(new BoundedChannelOptions(options.Rollout?.ShadowQueueCapacity ?? 1)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once: the request is counted as dropped
        });
        _log = log;
        _clock = clock;
        _logger = logger;
    }

    public int Queued => _queue.Reader.Count;

    public void Enqueue(ShadowWork work)
    {
        if (!_queue.Writer.TryWrite(work)) work.State.ShadowDrop();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _active ? Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => Drain(stoppingToken), CancellationToken.None))) : Task.CompletedTask;

    private async Task Drain(CancellationToken stop)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
                while (_queue.Reader.TryRead(out var work))
                    await Score(work).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task Score(ShadowWork work)
    {
        var started = Stopwatch.GetTimestamp();
        var (state, generation, challenger) = (work.State, work.Generation, work.Challenger);
        try
        {
            var bound = InputBinder.Bind(challenger, work.Request);
            var raw = new double[bound.Rows * challenger.Model.Predictor.OutputCount];
            await challenger.Batcher.Score(bound.Features, bound.Rows, raw).ConfigureAwait(false);
            var predictions = challenger.Model.FromRaw(raw, bound.Rows, bound.Features, bound.Groups);
            var latency = Stopwatch.GetElapsedTime(started);
            state.ChallengerCounter.Answered(latency.TotalSeconds);
            generation.Challenger.Answered(latency.TotalMilliseconds);
            generation.Challenger.Confidence(predictions);
            _log.Add(new PendingPrediction(challenger.Name, challenger.Version, work.RequestId, _clock.GetUtcNow(), latency.TotalMilliseconds, bound, predictions, PredictionVariants.Shadow));
            if (work.ChampionLabels is { } champion && predictions.Labels is { } shadow && shadow.Length == champion.Length)
            {
                var agreed = 0;
                for (var i = 0; i < shadow.Length; i++) if (string.Equals(shadow[i], champion[i], StringComparison.Ordinal)) agreed++;
                generation.Compared(shadow.Length, agreed);
                state.ShadowDisagreed(shadow.Length - agreed);
                if (work.Entry is { } entry) Volatile.Write(ref entry.Challenger, shadow);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.ChallengerCounter.Failed();
            generation.Challenger.Failed();
            var failures = Interlocked.Increment(ref _failures);
            if (failures == 1 || failures % 1000 == 0)
                _logger.LogWarning("The shadow of {Model} (version {Version}) failed to score request {Id} ({Failures} failures so far); the champion's answer was not affected: {Problem}",
                    challenger.Name, challenger.Version, work.RequestId, failures, e.Message);
        }
    }
}
