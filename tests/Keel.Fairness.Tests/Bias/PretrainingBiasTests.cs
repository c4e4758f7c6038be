using Keel.Fairness.Bias;

namespace Keel.Fairness.Tests.Bias;

/// <summary>
/// Clarify's pre-training metrics against the numbers of its own unit tests (aws/amazon-sagemaker-clarify,
/// tests/unit/bias/metrics/test_metrics.py: test_CI, test_DPL, test_KL, test_JS, test_LP, test_KS).
/// </summary>
public class PretrainingBiasTests
{
    // dfBinary() of test_metrics.py: a binary facet column and its labels.
    private static readonly string[] BinaryFacet = ["M", "F", "F", "M", "F", "M", "F", "F", "M", "M", "F", "F"];
    private static readonly string[] BinaryLabel = ["0", "1", "1", "1", "1", "0", "0", "0", "1", "0", "0", "0"];

    // DATASET_PDF of test_metrics.py: x, label (0, 1, 2).
    private static readonly string[] PdfX = ["a", "b", "b", "c", "a", "a", "b", "c", "b", "c", "b", "b"];
    private static readonly string[] PdfLabel = ["0", "0", "1", "1", "2", "1", "0", "1", "2", "2", "0", "2"];

    [Fact]
    public void ClassImbalance_ClarifyBinaryExample_IsMinusOneSixthForF()
    {
        var f = PretrainingBias.Compute(BinaryLabel, BinaryFacet.Select(x => x == "F").ToArray(), "1");
        var m = PretrainingBias.Compute(BinaryLabel, BinaryFacet.Select(x => x == "M").ToArray(), "1");

        Assert.Equal(-1.0 / 6, f.ClassImbalance.Value!.Value, 12);
        Assert.Equal(1.0 / 6, m.ClassImbalance.Value!.Value, 12);
    }

    [Fact]
    public void ClassImbalance_ClarifyMulticategoryExample_OneVersusRest()
    {
        string[] facet = ["M", "O", "M", "M", "F", "O", "O", "F", "M", "M", "F", "F", "O", "F", "M", "F", "O", "F", "M", "M", "F", "F", "O", "O"];
        var labels = facet.Select((_, i) => (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var byGroup = PretrainingBias.OneVersusRest(labels, facet, "1", "x").ToDictionary(r => r.Facet, r => r.ClassImbalance.Value!.Value);

        Assert.Equal(1.0 / 3, byGroup["M"], 12);
        Assert.Equal(1.0 / 4, byGroup["F"], 12);
        Assert.Equal(5.0 / 12, byGroup["O"], 12);
    }

    [Fact]
    public void DifferenceInPositiveProportions_ClarifyExample_IsMinusHalfForA()
    {
        var byGroup = PretrainingBias.OneVersusRest(["1", "1", "0", "1"], ["a", "a", "b", "b"], "1", "x");

        Assert.Equal(-0.5, byGroup[0].DifferenceInPositiveProportions.Value!.Value, 12);
        Assert.Equal(0.5, byGroup[1].DifferenceInPositiveProportions.Value!.Value, 12);
        Assert.Equal(1.0, byGroup[0].FacetPositiveRate.Value!.Value, 12);
        Assert.Equal(0.0, byGroup[0].ClassImbalance.Value!.Value, 12);   // the XML documentation's example
    }

    [Fact]
    public void Distances_ClarifyMultiFacetExample_AreClarifys()
    {
        // Facet: x in {a, c}; label: positive when 1 or 2.
        var positive = PdfLabel.Select(l => l is "1" or "2" ? "true" : "false").ToArray();
        var facet = PdfX.Select(x => x is "a" or "c").ToArray();

        var r = PretrainingBias.Compute(positive, facet, "true");

        Assert.Equal(0.2938933, r.KlDivergence.Value!.Value, 6);
        Assert.Equal(0.06465997, r.JsDivergence.Value!.Value, 7);
        Assert.Equal(0.471404520, r.LpNorm.Value!.Value, 8);
        Assert.Equal(1.0 / 3, r.TotalVariationDistance.Value!.Value, 12);
        Assert.Equal(1.0 / 3, r.KolmogorovSmirnov.Value!.Value, 12);
    }

    [Fact]
    public void KolmogorovSmirnov_ClarifyExamples_AreClarifys()
    {
        var two = PretrainingBias.Compute(["1", "0", "0", "1", "1"], [false, false, true, true, true], "1");
        var three = PretrainingBias.Compute(PdfLabel, PdfX.Select(x => x != "b").ToArray(), "1");

        Assert.Equal(0.16666666, two.KolmogorovSmirnov.Value!.Value, 7);
        Assert.Equal(0.33333333, three.KolmogorovSmirnov.Value!.Value, 7);
    }

    [Fact]
    public void JensenShannon_ClarifyManualExample_IsTheFormula()
    {
        var r = PretrainingBias.Compute(["T", "T", "T", "T", "F", "F"], [true, false, false, false, true, false], "T");

        double[] pa = [0.25, 0.75], pd = [0.5, 0.5], p = [0.375, 0.625];
        var expected = 0.5 * (pa[0] * Math.Log(pa[0] / p[0]) + pa[1] * Math.Log(pa[1] / p[1]) + pd[0] * Math.Log(pd[0] / p[0]) + pd[1] * Math.Log(pd[1] / p[1]));
        Assert.Equal(expected, r.JsDivergence.Value!.Value, 12);
    }

    [Fact]
    public void Distances_SameLabelDistribution_AreZero()
    {
        var r = PretrainingBias.Compute(["T", "T", "T", "F", "F", "F"], [true, false, false, false, true, false], "T");

        Assert.Equal(0, r.KlDivergence.Value);
        Assert.Equal(0, r.JsDivergence.Value);
        Assert.Equal(0, r.LpNorm.Value);
        Assert.Equal(0, r.KolmogorovSmirnov.Value);
    }

    [Fact]
    public void KlDivergence_LabelValueAbsentFromTheFacet_IsUndefinedNotClarifysNegativeNumber()
    {
        // Clarify's test_KL expects -0.366516 here: its library drops label values missing from either group. Over
        // every label value, as the documented formula reads, KL is infinite; Keel says so and keeps the distances whole.
        var r = PretrainingBias.Compute(["T", "T", "T", "F", "F", "F"], [true, false, false, false, false, false], "T");

        Assert.False(r.KlDivergence.IsDefined);
        Assert.Contains("no rows labelled 'F'", r.KlDivergence.UndefinedReason);
        Assert.Equal(Math.Sqrt(0.36 + 0.36), r.LpNorm.Value!.Value, 12);
        Assert.Equal(0.6, r.TotalVariationDistance.Value!.Value, 12);
    }

    [Fact]
    public void EmptyFacet_IsUndefinedWithTheReason()
    {
        var r = PretrainingBias.Compute(["T", "F"], [false, false], "T", "sex", "Other");

        Assert.False(r.ClassImbalance.IsDefined);
        Assert.Contains("'Other' has no labelled rows", r.ClassImbalance.UndefinedReason);
    }

    [Fact]
    public void MissingLabels_AreLeftOut()
    {
        var r = PretrainingBias.Compute(["T", null, "F", "T"], [true, true, false, false], "T");

        Assert.Equal(1, r.FacetCount);
        Assert.Equal(2, r.RestCount);
        Assert.Equal(1.0 / 3, r.ClassImbalance.Value!.Value, 12);
    }
}
