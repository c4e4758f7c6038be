namespace Keel.Serving.Rollout;

/// <summary>How a challenger takes part in serving a model.</summary>
public enum RolloutMode
{
    /// <summary>The challenger scores every request after the champion has answered; its outputs are logged, never returned.</summary>
    Shadow,

    /// <summary>A share of requests is answered by the challenger, until it is rolled back.</summary>
    Canary,
}
