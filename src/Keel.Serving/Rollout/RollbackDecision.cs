namespace Keel.Serving.Rollout;

/// <summary>Why a canary was rolled back: which rule fired (error_rate, latency, accuracy) and a sentence with the numbers.</summary>
internal sealed record RollbackDecision(string Rule, string Reason);
