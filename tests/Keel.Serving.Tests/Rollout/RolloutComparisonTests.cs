using Keel.Serving.Monitoring;
using Keel.Serving.Rollout;
using Keel.Store;

namespace Keel.Serving.Tests.Rollout;

public class RolloutComparisonTests
{
    private static PredictionRecord Entry(string id, int version, string variant, double latency, params string[] labels) =>
        new("churn", version, id, DateTimeOffset.UnixEpoch, latency, labels.Length, "{}",
            $"{{\"label\":[{string.Join(",", labels.Select(l => $"\"{l}\""))}],\"probabilities\":[]}}", Variant: variant);

    [Fact]
    public void Compare_AShadow_AgreesByRequestId_AndEachSideIsScoredOnItsLabels()
    {
        PredictionRecord[] champion = [Entry("a", 1, "champion", 1, "Yes"), Entry("b", 1, "champion", 3, "No", "No"), Entry("c", 1, "champion", 2, "No")];
        PredictionRecord[] shadow = [Entry("a", 2, "shadow", 4, "Yes"), Entry("b", 2, "shadow", 6, "Yes", "No")];
        var labels = new Dictionary<string, string> { ["a"] = "\"No\"", ["b"] = "[\"Yes\",\"No\"]" };

        var result = RolloutComparison.Compare(champion, shadow, labels);

        var agreement = Assert.Single(result.Agreement);
        Assert.Equal((2, 3, 2), (agreement.Version, agreement.Rows, agreement.Agreed));
        Assert.Equal((3, 4, 3, 1.0 / 3), (result.Champion.Requests, result.Champion.Rows, result.Champion.LabelledRows, result.Champion.Accuracy!.Value));
        var side = Assert.Single(result.Challengers);
        Assert.Equal(("shadow", 2, 3, 2.0 / 3), (side.Variant, side.Version, side.LabelledRows, side.Accuracy!.Value));
        Assert.Equal(5, side.MeanLatencyMs);
        Assert.Equal(2, result.Champion.MeanLatencyMs);
    }

    [Fact]
    public void Compare_ACanary_HasNoAgreement_AndUnlabelledSidesHaveNoAccuracy()
    {
        var result = RolloutComparison.Compare([Entry("a", 1, "champion", 1, "No")], [Entry("b", 2, "canary", 1, "Yes")], new Dictionary<string, string>());

        Assert.Empty(result.Agreement);
        Assert.Null(result.Champion.Accuracy);
        Assert.Equal("canary", Assert.Single(result.Challengers).Variant);
    }

    [Theory]
    [InlineData("\"Yes\"", new[] { "Yes" })]
    [InlineData("[1, 0]", new[] { "1", "0" })]
    [InlineData("true", new[] { "true" })]
    public void Labels_OneValueOrAnArray_AreReadAsText(string json, string[] expected)
    {
        Assert.Equal(expected, LabelWindow.Labels(json));
    }

    [Fact]
    public void Correct_CountsEqualLabels_IgnoringCase_AndRefusesOtherRowCounts()
    {
        Assert.Equal(1, LabelWindow.Correct(["True", "No"], ["true", "Yes"]));
        Assert.Equal(-1, LabelWindow.Correct(["Yes"], ["Yes", "No"]));
    }

    [Fact]
    public void LabelWindow_KeepsTheNewestRequests_AndGivesEachOnce()
    {
        var window = new LabelWindow(100);
        var generation = new RolloutGeneration(1, 2, DateTimeOffset.UnixEpoch);

        for (var i = 0; i < 150; i++) window.Remember($"r{i}", generation, ["Yes"], challenger: i % 2 == 0);

        Assert.Null(window.Take("r49"));
        Assert.Equal(["Yes"], window.Take("r50")!.Challenger!);
        Assert.Null(window.Take("r50"));
        Assert.Equal(["Yes"], window.Take("r149")!.Champion!);
    }
}
