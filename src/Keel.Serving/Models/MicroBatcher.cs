using System.Diagnostics;
using System.Threading.Channels;
using Keel.Learn.Models;

namespace Keel.Serving.Models;

/// <summary>How a model's micro-batcher groups concurrent requests.</summary>
/// <param name="MaxRows">A batch closes when it holds this many rows; a request at least this big is scored alone.</param>
/// <param name="MaxWait">How long a batch may wait for more requests, only while they arrive together.</param>
/// <param name="Workers">Batches scored at once.</param>
/// <param name="OnBatch">Told the rows of every batch scored (for the batch-size histogram).</param>
internal sealed record BatchingOptions(int MaxRows, TimeSpan MaxWait, int Workers, Action<int>? OnBatch = null);

/// <summary>
/// Groups the rows of concurrent requests into one scoring call. Adaptive: a worker takes every request already
/// waiting; only when the previous batch held several requests (traffic is arriving together) does it wait, at most
/// <see cref="BatchingOptions.MaxWait"/>, for the batch to fill. An idle server scores a lone request at once. The
/// predictor is immutable; each worker owns its buffers, so nothing mutable is shared between requests.
/// </summary>
internal sealed class MicroBatcher : IAsyncDisposable
{
    private readonly record struct Job(float[] Features, int Rows, double[] Raw, TaskCompletionSource Done);

    private readonly Predictor _predictor;
    private readonly BatchingOptions _options;
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Task[] _workers;

    public MicroBatcher(Predictor predictor, BatchingOptions options)
    {
        _predictor = predictor;
        _options = options;
        _workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(Work)).ToArray();
    }

    /// <summary>
    /// Scores <paramref name="rows"/> rows of features into <paramref name="raw"/>. After the batcher is retired
    /// (an alias moved on), requests that still hold it are scored on their own thread: none fails.
    /// </summary>
    public Task Score(float[] features, int rows, double[] raw)
    {
        if (rows >= _options.MaxRows)
        {
            _predictor.Score(features, rows, raw);
            _options.OnBatch?.Invoke(rows);
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite(new Job(features, rows, raw, done))) return done.Task;
        _predictor.Score(features, rows, raw);
        return Task.CompletedTask;
    }

    private async Task Work()
    {
        var width = _predictor.FeatureCount;
        var outputs = _predictor.OutputCount;
        var features = new float[2 * _options.MaxRows * width];
        var raw = new double[2 * _options.MaxRows * outputs];
        var batch = new List<Job>();
        var lastJobs = 0;
        var reader = _queue.Reader;
        var waitTicks = (long)(_options.MaxWait.TotalSeconds * Stopwatch.Frequency);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = Take(reader, batch, 0);
            if (rows < _options.MaxRows && waitTicks > 0 && lastJobs > 1 && batch.Count > 0)
            {
                var deadline = Stopwatch.GetTimestamp() + waitTicks;
                while (rows < _options.MaxRows && Stopwatch.GetTimestamp() < deadline)
                {
                    var more = reader.WaitToReadAsync().AsTask();
                    var remaining = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
                    if (remaining <= TimeSpan.Zero || await Task.WhenAny(more, Task.Delay(remaining)).ConfigureAwait(false) != more || !more.Result) break;
                    rows = Take(reader, batch, rows);
                }
            }
            if (batch.Count == 0) continue;
            lastJobs = batch.Count;
            try
            {
                var offset = 0;
                foreach (var job in batch)
                {
                    job.Features.AsSpan(0, job.Rows * width).CopyTo(features.AsSpan(offset * width));
                    offset += job.Rows;
                }
                _predictor.Score(features.AsSpan(0, rows * width), rows, raw.AsSpan(0, rows * outputs));
                offset = 0;
                foreach (var job in batch)
                {
                    raw.AsSpan(offset * outputs, job.Rows * outputs).CopyTo(job.Raw);
                    offset += job.Rows;
                    job.Done.TrySetResult();
                }
                _options.OnBatch?.Invoke(rows);
            }
            catch (Exception e)
            {
                foreach (var job in batch) job.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// Moves waiting jobs into the batch until it holds at least MaxRows rows; returns the batch's rows. Every queued
    /// job is smaller than MaxRows, so a batch never exceeds twice that, the size of a worker's buffers.
    /// </summary>
    private int Take(ChannelReader<Job> reader, List<Job> batch, int rows)
    {
        while (rows < _options.MaxRows && reader.TryRead(out var job))
        {
            batch.Add(job);
            rows += job.Rows;
        }
        return rows;
    }

    /// <summary>Stops taking work; the jobs already queued are scored before the workers end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }
}
