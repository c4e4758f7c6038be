namespace Keel.Lifecycle.Retraining;

/// <summary>A challenger whose promotion awaits a deployer: its version, when it was asked for, the champion it would replace, and the comparison's reason.</summary>
public sealed record PendingPromotion(string Model, int Version, DateTimeOffset RequestedAt, int Champion, string Reason);
