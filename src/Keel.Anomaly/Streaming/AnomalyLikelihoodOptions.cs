namespace Keel.Anomaly.Streaming;

/// <summary>Options of <see cref="AnomalyLikelihood"/>, with their names on the command line.</summary>
public sealed record AnomalyLikelihoodOptions
{
    /// <summary>How many recent raw scores describe what is usual (<c>likelihood_window</c>). The default value is 1,000; at least 10.</summary>
    public int Window { get; init; } = 1000;

    /// <summary>How many of the latest raw scores are averaged before comparison (<c>likelihood_average</c>). The default value is 10; at least 1, at most <see cref="Window"/>.</summary>
    public int Average { get; init; } = 10;

    /// <summary>Raw scores collected before a likelihood is reported; 0 until then (<c>likelihood_learning</c>). The default value is 300; at least 10.</summary>
    public int LearningPeriod { get; init; } = 300;

    public IEnumerable<string> Validate()
    {
        if (Window < 10) yield return $"likelihood_window must be at least 10; it is {Window}.";
        if (Average < 1 || Average > Window) yield return $"likelihood_average must be at least 1 and at most likelihood_window ({Window}); it is {Average}.";
        if (LearningPeriod < 10) yield return $"likelihood_learning must be at least 10; it is {LearningPeriod}.";
    }
}
