namespace Keel.Learn.Models;

/// <summary>
/// One classifier of a <see cref="RandomizedMixture"/>: a base predictor with its link and threshold (positive when
/// P(positive) ≥ <see cref="Threshold"/>), or a constant answer (<see cref="Constant"/> 0 or 1, no predictor), and its
/// weight in the mixture.
/// </summary>
public sealed record MixtureMember(double Weight, Predictor? Predictor = null, Link? Link = null, double Threshold = 0.5, int? Constant = null)
{
    /// <summary>The member's hard decisions (0 or 1) of validated rows.</summary>
    internal void Decide(ReadOnlySpan<float> features, int rows, Span<double> decisions, int threads)
    {
        if (Constant is { } c)
        {
            decisions[..rows].Fill(c);
            return;
        }
        Predictor!.Score(features, rows, decisions[..rows], threads);
        for (var i = 0; i < rows; i++) decisions[i] = Link!.Probability(decisions[i]) >= Threshold ? 1 : 0;
    }
}

/// <summary>
/// A randomized binary classifier: a weighted mixture of hard classifiers, as the exponentiated-gradient reduction
/// returns it (Agarwal et al. 2018; Fairlearn's <c>ExponentiatedGradient</c>). Its one output is the mixture's
/// P(positive) = Σ weight · decision (use <see cref="Link.ProbabilityIdentity"/>); the model's label is drawn per row by
/// <see cref="Decisions.RandomizedDecision"/>. Members share the model's featurization.
/// </summary>
public sealed record RandomizedMixture : Predictor
{
    public required IReadOnlyList<MixtureMember> Members { get; init; }

    /// <summary>A mixture of members over <paramref name="featureCount"/> features, dropping members of weight 0.</summary>
    public static RandomizedMixture Of(IEnumerable<MixtureMember> members, int featureCount)
    {
        var kept = members.Where(m => m.Weight > 0).ToArray();
        if (kept.Length == 0) throw new KeelLearnException("A mixture needs at least one member with a positive weight.");
        foreach (var m in kept)
        {
            if (m.Constant is null && (m.Predictor is null || m.Link is null))
                throw new KeelLearnException("A mixture member needs a predictor and its link, or a constant.");
            if (m.Predictor is { } p && (p.FeatureCount != featureCount || p.OutputCount != 1))
                throw new KeelLearnException($"A mixture member reads {p.FeatureCount} features with {p.OutputCount} outputs; the mixture reads {featureCount} with 1.");
        }
        var total = kept.Sum(m => m.Weight);
        return new RandomizedMixture
        {
            FeatureCount = featureCount,
            OutputCount = 1,
            Members = kept.Select(m => m with { Weight = m.Weight / total }).ToArray(),
        };
    }

    protected override void ScoreRows(ReadOnlySpan<float> features, int rows, Span<double> raw, int threads)
    {
        raw[..rows].Clear();
        var decisions = new double[rows];
        foreach (var member in Members)
        {
            member.Decide(features, rows, decisions, threads);
            for (var i = 0; i < rows; i++) raw[i] += member.Weight * decisions[i];
        }
        for (var i = 0; i < rows; i++) raw[i] = Math.Clamp(raw[i], 0, 1);
    }

    public override void ScoreRow(ReadOnlySpan<float> x, Span<double> raw) => ScoreRows(x, 1, raw, 1);
}
