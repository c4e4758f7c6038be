namespace Keel.Anomaly.Streaming;

/// <summary>What <see cref="WindowedGaussian"/> compares with its window.</summary>
public enum GaussianInput
{
    /// <summary>The values themselves.</summary>
    Value,

    /// <summary>The change from the previous value (the first difference).</summary>
    Change,
}
