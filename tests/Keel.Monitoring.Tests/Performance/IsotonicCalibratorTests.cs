using System.Text.Json;
using Keel.Monitoring.Performance;

namespace Keel.Monitoring.Tests.Performance;

public class IsotonicCalibratorTests
{
    /// <summary>scikit-learn 1.2.1's IsotonicRegression(out_of_bounds="clip") (tests/fixtures/make_isotonic_fixture.py).</summary>
    [Fact]
    public void Calibrate_EqualsScikitLearnsIsotonicRegression_WithTiesAndOutOfRangeScores()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "isotonic_sklearn.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            double[] Read(string name) => c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var calibrator = IsotonicCalibrator.Fit(Read("scores"), Read("outcomes"));
            var expected = Read("predicted");
            var actual = calibrator.Calibrate(Read("queries"));
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void Fit_TheDocumentedExample_InterpolatesBetweenKnots()
    {
        var calibrator = IsotonicCalibrator.Fit([0.1, 0.4, 0.35, 0.8], [0, 1, 0, 1]);

        Assert.Equal(0.5, calibrator.Calibrate(0.375), 12);
        Assert.Equal(0.0, calibrator.Calibrate(-3));
        Assert.Equal(1.0, calibrator.Calibrate(2));
    }

    [Fact]
    public void Fit_DecreasingOutcomes_ArePooledIntoTheirMean()
    {
        var calibrator = IsotonicCalibrator.Fit([1, 2, 3], [1, 0, 0]);

        Assert.All(calibrator.Knots, k => Assert.Equal(1.0 / 3, k.Value, 12));
    }
}
