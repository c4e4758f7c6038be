namespace Keel.Learn.Selection;

/// <summary>What happened to one candidate trainer during model selection.</summary>
public enum CandidateStatus
{
    /// <summary>Every fold was scored.</summary>
    Completed,

    /// <summary>The time budget ran out after some folds; the score is the mean of those.</summary>
    Partial,

    /// <summary>The time budget ran out before it started.</summary>
    Skipped,

    /// <summary>Training raised an error; <see cref="CandidateResult.Note"/> has it.</summary>
    Failed,
}

/// <summary>The cross-validated score of one candidate trainer.</summary>
public sealed record CandidateResult
{
    public required string Trainer { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required string Metric { get; init; }

    public required double[] FoldScores { get; init; }

    public required CandidateStatus Status { get; init; }

    public TimeSpan Duration { get; init; }

    public string? Note { get; init; }

    public double Mean => FoldScores.Length == 0 ? double.NaN : FoldScores.Average();

    /// <summary>The sample standard deviation over folds.</summary>
    public double Std
    {
        get
        {
            if (FoldScores.Length < 2) return 0;
            var m = Mean;
            return Math.Sqrt(FoldScores.Sum(s => (s - m) * (s - m)) / (FoldScores.Length - 1));
        }
    }
}
