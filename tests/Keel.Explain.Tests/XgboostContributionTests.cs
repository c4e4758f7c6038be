using System.Text.Json;
using Keel.Learn.Featurization;
using Keel.Learn.Import;

namespace Keel.Explain.Tests;

/// <summary>
/// XGBoost 1.7.4's own TreeSHAP (<c>pred_contribs=True</c>) on models it saved, imported into Keel: fixtures from
/// tests/fixtures/make_xgboost_fixture.py. XGBoost computes in float32, hence the 1e-5 tolerance (relative above 1).
/// </summary>
public class XgboostContributionTests
{
    [Theory]
    [InlineData("binary")]
    [InlineData("regression")]
    [InlineData("softprob")]
    public void ImportedXgboostModel_ContributionsEqualXgboostsPredContribs(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, $"xgboost_{name}.expected.json")));
        var root = json.RootElement;
        var rows = root.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? float.NaN : v.GetSingle()).ToArray()).ToArray();
        var expected = root.GetProperty("contributions").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var ensemble = XgboostJsonModel.Parse(File.ReadAllText(Path.Combine(folder, $"xgboost_{name}.model.json"))).Ensemble;
        var width = ensemble.FeatureCount;
        var x = new FeatureMatrix(rows.SelectMany(r => r).ToArray(), rows.Length, Enumerable.Range(0, width).Select(j => $"f{j}").ToArray());

        foreach (var algorithm in new[] { TreeShapAlgorithm.Recursive, TreeShapAlgorithm.Precomputed, TreeShapAlgorithm.Quadrature })
        {
            var shap = new TreeShap(ensemble, algorithm).Explain(x);
            for (var r = 0; r < rows.Length; r++)
                for (var k = 0; k < ensemble.OutputCount; k++)
                {
                    for (var f = 0; f < width; f++) Close(expected[r][k * (width + 1) + f], shap[r, f, k]);
                    Close(expected[r][k * (width + 1) + width], shap.BaseValue[k]);
                }
        }
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
