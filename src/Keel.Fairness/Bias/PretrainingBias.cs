using Keel.Data;
using Keel.Fairness.Metrics;

namespace Keel.Fairness.Bias;

/// <summary>
/// SageMaker Clarify's pre-training bias metrics ("Pre-training bias metrics", docs.aws.amazon.com/sagemaker/latest/dg/
/// clarify-measure-data-bias.html; aws/amazon-sagemaker-clarify, src/smclarify/bias/metrics/pretraining.py): class
/// imbalance (CI), difference in positive proportions in labels (DPL), and the KL, JS, L2-norm, total variation and
/// Kolmogorov–Smirnov distances between the label distributions P_a of the rest and P_d of the facet. Rows with a
/// missing label are left out. The distances run over every label value of either group, as the documented formulas
/// say; Clarify's library keeps only the values both groups have, which agrees whenever both groups have every
/// value and otherwise differs (it reports a negative KL in its own test where Keel reports KL as undefined).
/// </summary>
/// <example>
/// <code>
/// // Clarify's test_DPL: group a has labels 1, 1 and group b has 0, 1.
/// var byGroup = PretrainingBias.OneVersusRest(["1", "1", "0", "1"], ["a", "a", "b", "b"], positiveLabel: "1", feature: "x");
/// Console.WriteLine($"{byGroup[0].Facet}: CI {byGroup[0].ClassImbalance}, DPL {byGroup[0].DifferenceInPositiveProportions}");   // a: CI 0, DPL -0.5
/// </code>
/// </example>
public static class PretrainingBias
{
    /// <summary>The metrics of facet d (rows where <paramref name="inFacet"/> is true) against the other rows.</summary>
    public static PretrainingBiasResult Compute(IReadOnlyList<string?> labels, IReadOnlyList<bool> inFacet, string positiveLabel, string feature = "facet", string facet = "d")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(inFacet);
        ArgumentNullException.ThrowIfNull(positiveLabel);
        if (labels.Count != inFacet.Count)
            throw new KeelDataException($"The labels have {labels.Count} rows but the facet has {inFacet.Count}.");

        var rest = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not { } y) continue;
            var counts = inFacet[i] ? group : rest;
            counts[y] = counts.GetValueOrDefault(y) + 1;
        }
        var na = rest.Values.Sum();
        var nd = group.Values.Sum();
        var values = rest.Keys.Union(group.Keys).Order(StringComparer.Ordinal).ToArray();
        var pa = values.Select(v => na == 0 ? 0 : (double)rest.GetValueOrDefault(v) / na).ToArray();
        var pd = values.Select(v => nd == 0 ? 0 : (double)group.GetValueOrDefault(v) / nd).ToArray();

        FairnessValue Need(Func<FairnessValue> compute) =>
            nd == 0 ? FairnessValue.Undefined($"the facet '{facet}' has no labelled rows")
            : na == 0 ? FairnessValue.Undefined($"every labelled row is in the facet '{facet}'; there is no rest to compare with")
            : compute();

        var qa = na == 0 ? FairnessValue.Undefined("there are no labelled rows outside the facet") : FairnessValue.Of((double)rest.GetValueOrDefault(positiveLabel) / na);
        var qd = nd == 0 ? FairnessValue.Undefined($"the facet '{facet}' has no labelled rows") : FairnessValue.Of((double)group.GetValueOrDefault(positiveLabel) / nd);
        return new PretrainingBiasResult
        {
            Feature = feature,
            Facet = facet,
            RestCount = na,
            FacetCount = nd,
            RestPositiveRate = qa,
            FacetPositiveRate = qd,
            ClassImbalance = Need(() => FairnessValue.Of((double)(na - nd) / (na + nd))),
            DifferenceInPositiveProportions = Need(() => FairnessValue.Of(qa.Value!.Value - qd.Value!.Value)),
            KlDivergence = Need(() => Kl(values, pa, pd, facet)),
            JsDivergence = Need(() => FairnessValue.Of(Js(pa, pd))),
            LpNorm = Need(() => FairnessValue.Of(Math.Sqrt(pa.Zip(pd, (a, d) => (a - d) * (a - d)).Sum()))),
            TotalVariationDistance = Need(() => FairnessValue.Of(0.5 * pa.Zip(pd, (a, d) => Math.Abs(a - d)).Sum())),
            KolmogorovSmirnov = Need(() => FairnessValue.Of(pa.Zip(pd, (a, d) => Math.Abs(a - d)).Max())),
        };
    }

    /// <summary>
    /// The metrics of each group of a sensitive feature against all other rows (Clarify's <c>metric_one_vs_all</c>), in
    /// the order of the groups; a missing value is the group "(missing)".
    /// </summary>
    public static IReadOnlyList<PretrainingBiasResult> OneVersusRest(IReadOnlyList<string?> labels, IReadOnlyList<string?> sensitive, string positiveLabel, string feature = "group")
    {
        ArgumentNullException.ThrowIfNull(sensitive);
        if (labels.Count != sensitive.Count)
            throw new KeelDataException($"The labels have {labels.Count} rows but '{feature}' has {sensitive.Count}.");
        var keys = sensitive.Select(s => s ?? SensitiveFeature.MissingGroup).ToArray();
        return keys.Distinct(StringComparer.Ordinal)
            .OrderBy(k => k == SensitiveFeature.MissingGroup).ThenBy(k => k, StringComparer.Ordinal)
            .Select(g => Compute(labels, keys.Select(k => k == g).ToArray(), positiveLabel, feature, g))
            .ToArray();
    }

    private static FairnessValue Kl(string[] values, double[] pa, double[] pd, string facet)
    {
        double kl = 0;
        for (var i = 0; i < pa.Length; i++)
        {
            if (pa[i] == 0) continue;
            if (pd[i] == 0) return FairnessValue.Undefined($"the facet '{facet}' has no rows labelled '{values[i]}' while the rest has, so KL is infinite");
            kl += pa[i] * Math.Log(pa[i] / pd[i]);
        }
        return FairnessValue.Of(kl);
    }

    private static double Js(double[] pa, double[] pd)
    {
        double js = 0;
        for (var i = 0; i < pa.Length; i++)
        {
            var p = (pa[i] + pd[i]) / 2;
            if (pa[i] > 0) js += 0.5 * pa[i] * Math.Log(pa[i] / p);
            if (pd[i] > 0) js += 0.5 * pd[i] * Math.Log(pd[i] / p);
        }
        return js;
    }
}
