namespace Keel.Learn.Evaluation;

/// <summary>A curve for a plot: points (X[i], Y[i]).</summary>
public sealed record Curve(double[] X, double[] Y);
