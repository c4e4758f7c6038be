using Keel.Data;
using Keel.Learn.Decisions;

namespace Keel.Learn.Tests.Decisions;

public sealed class DecisionValueTests
{
    private const string Churn = """
        name: retention value
        unit: EUR
        description: A churner we keep saves 500; the offer costs 50.
        true_positive: 450
        false_positive: -50
        false_negative: -500
        true_negative: 0
        """;

    [Fact]
    public void Parse_ChurnKpi_ReadsEveryField()
    {
        var value = DecisionValue.Parse(Churn, "kpi.yaml");

        Assert.Equal("retention value", value.Name);
        Assert.Equal("EUR", value.Unit);
        Assert.Equal("A churner we keep saves 500; the offer costs 50.", value.Description);
        Assert.Equal((450.0, -50.0, -500.0, 0.0), (value.TruePositive, value.FalsePositive, value.FalseNegative, value.TrueNegative));
    }

    [Fact]
    public void Parse_JsonWithShortKeys_IsTheSameKpi()
    {
        var value = DecisionValue.Parse("""{"name": "retention value", "currency": "EUR", "tp": 450, "fp": -50, "fn": -500, "tn": 0}""");

        Assert.Equal(DecisionValue.Of(450, -50, -500, 0, "retention value", "EUR"), value);
    }

    [Fact]
    public void Parse_EveryProblem_IsListedWithItsLineAndColumn()
    {
        var e = Assert.Throws<KeelLearnException>(() => DecisionValue.Parse("""
            name: churn
            true_positive: lots
            false_positive: -50
            cost: 3
            """, "kpi.yaml"));

        Assert.StartsWith("kpi.yaml is not a valid KPI:", e.Message);
        Assert.Contains("line 2, column 16: true_positive must be a finite number", e.Message);
        Assert.Contains("line 4, column 1: unknown key 'cost'", e.Message);
        Assert.Contains("false_negative, true_negative are missing", e.Message);
    }

    [Fact]
    public void Parse_BrokenYaml_NamesTheLineAndColumn()
    {
        var e = Assert.Throws<KeelDataException>(() => DecisionValue.Parse("name: churn\ntrue_positive: [1, 2\n", "kpi.yaml"));

        Assert.Matches(@"^kpi\.yaml, line \d+, column \d+: not valid YAML", e.Message);
    }

    [Fact]
    public void Parse_NotAMapping_SaysWhatTheFileHolds()
    {
        var e = Assert.Throws<KeelDataException>(() => DecisionValue.Parse("- 1\n- 2\n", "kpi.yaml"));

        Assert.Contains("a KPI file is a mapping with name, unit, description and the four values", e.Message);
    }

    [Fact]
    public void Read_MissingFile_IsRefusedWithItsPath()
    {
        var e = Assert.Throws<KeelLearnException>(() => DecisionValue.Read("/no/such/kpi.yaml"));

        Assert.Equal("/no/such/kpi.yaml: KPI file not found.", e.Message);
    }

    [Fact]
    public void Of_InfiniteValue_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => DecisionValue.Of(double.PositiveInfinity, -1, -1, 0));

        Assert.Contains("true_positive must be a finite number", e.Message);
    }

    [Fact]
    public void Total_IsEachOutcomeTimesItsValue()
    {
        // NannyML's business value example (docs/how_it_works/business_value.rst): a true positive is worth 100,000, a
        // true negative 0, a false positive costs 1,000 and a false negative 10,000.
        var value = DecisionValue.Of(tp: 100_000, fp: -1_000, fn: -10_000, tn: 0);
        var confusion = new BinaryConfusion(TruePositives: 3, FalsePositives: 5, FalseNegatives: 2, TrueNegatives: 90);

        Assert.Equal(300_000 - 5_000 - 20_000, value.Total(confusion));
        Assert.Equal(2_750, value.PerDecision(confusion));
        Assert.True(double.IsNaN(value.PerDecision(new BinaryConfusion(0, 0, 0, 0))));
    }

    [Fact]
    public void BinaryConfusionAt_ActsOnScoresAtOrAboveTheThreshold()
    {
        var confusion = BinaryConfusion.At([0.9, 0.5, 0.5, 0.2], [1, 0, 1, 1], 0.5);

        Assert.Equal(new BinaryConfusion(2, 1, 1, 0), confusion);
    }
}
