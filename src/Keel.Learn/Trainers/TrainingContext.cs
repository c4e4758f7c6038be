namespace Keel.Learn.Trainers;

/// <summary>What a training call may use beyond the data: a seed, cancellation, progress.</summary>
public sealed record TrainingContext
{
    /// <summary>The seed of every random choice. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads a native trainer may use. The default value is the number of processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Row weights, aligned with the training table; null for equal weights.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>Reports the share of training done, 0 to 1, where the trainer can tell.</summary>
    public IProgress<double>? Progress { get; init; }

    public CancellationToken CancellationToken { get; init; }
}
