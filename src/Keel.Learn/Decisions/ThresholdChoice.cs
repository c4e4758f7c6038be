namespace Keel.Learn.Decisions;

/// <summary>
/// The decision threshold that maximises a KPI on validation rows, with what the KPI would be there at that threshold,
/// at 0.5, acting on everyone and acting on no one, and the curve of the value per decision against the threshold.
/// Saved in a bundle as <c>decision.json</c>.
/// </summary>
public sealed record ThresholdChoice
{
    /// <summary>The KPI maximised.</summary>
    public required DecisionValue Value { get; init; }

    /// <summary>Act when P(positive) ≥ this; +∞ when acting on no one is best.</summary>
    public required double Threshold { get; init; }

    /// <summary>The validation rows' value at <see cref="Threshold"/>.</summary>
    public required ValuePoint Chosen { get; init; }

    /// <summary>The value at the usual threshold 0.5.</summary>
    public required ValuePoint AtDefault { get; init; }

    /// <summary>The value of acting on every row.</summary>
    public required ValuePoint Everyone { get; init; }

    /// <summary>The value of acting on no row.</summary>
    public required ValuePoint NoOne { get; init; }

    /// <summary>The value at every cut point, highest threshold (+∞, no one) first; possibly thinned (<see cref="Thinned"/>).</summary>
    public IReadOnlyList<ValuePoint> Curve { get; init; } = [];

    /// <summary>The number of validation rows.</summary>
    public int Rows { get; init; }

    /// <summary>Where the validation scores came from, e.g. "out-of-fold P(positive) of LightGbm (5-fold cross-validation on 4,500 training rows)".</summary>
    public string Validation { get; init; } = "";

    /// <summary>The same choice with at most <paramref name="points"/> curve points, evenly spread, the ends and the chosen point kept.</summary>
    public ThresholdChoice Thinned(int points = 201)
    {
        if (points < 3) throw new ArgumentOutOfRangeException(nameof(points), points, "Keep at least 3 points.");
        if (Curve.Count <= points) return this;
        var keep = new SortedSet<int> { 0, Curve.Count - 1 };
        for (var k = 0; k < points - 1; k++) keep.Add((int)Math.Round((double)k * (Curve.Count - 1) / (points - 2)));
        for (var i = 0; i < Curve.Count; i++)
            if (Curve[i].Threshold.Equals(Threshold)) { keep.Add(i); break; }
        return this with { Curve = keep.Select(i => Curve[i]).ToArray() };
    }
}
