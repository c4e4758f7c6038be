using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;
using Keel.Fairness.Metrics;

namespace Keel.Fairness.Tests;

/// <summary>
/// The audit of scored data against scikit-learn, pandas and numpy on 2,000 rows of UCI Adult
/// (tests/fixtures/make_fairness_fixture.py writes Fixtures/adult_scored.csv and adult_sklearn_groups.json).
/// </summary>
public class FairnessAuditTests
{
    private static readonly Lazy<Table> Scored = new(() => CsvTableReader.Read(Fixture("adult_scored.csv")));
    private static readonly Lazy<JsonElement> Expected = new(() => JsonDocument.Parse(File.ReadAllText(Fixture("adult_sklearn_groups.json"))).RootElement);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static FairnessAuditResult Audit(int bootstrap = 0) =>
        FairnessAudit.Run(Scored.Value, "income", "y_hat", "p", new FairnessAuditOptions { SensitiveColumns = ["sex", "race"], Bootstrap = bootstrap });

    // Keel's metric name for each name the fixture uses.
    private static readonly (string Fixture, string Keel)[] Names =
    [
        ("count", "count"), ("selection_rate", "selection_rate"), ("base_rate", "base_rate"), ("accuracy", "accuracy"),
        ("mean_score", "mean_score"), ("precision", "precision"), ("recall", "true_positive_rate"),
        ("false_positive_rate", "false_positive_rate"), ("roc_auc", "roc_auc"),
    ];

    [Theory]
    [InlineData("sex", "sex")]
    [InlineData("race", "race")]
    [InlineData("sex × race", "sex x race")]
    public void ByGroup_AdultSlice_MatchesScikitLearnPerGroup(string analysis, string fixtureName)
    {
        var frame = Audit().Analysis(analysis).Frame;
        var expected = Expected.Value.GetProperty("features").GetProperty(fixtureName).GetProperty("groups");

        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), frame.ByGroup.Select(g => g.Name));
        foreach (var group in expected.EnumerateObject())
        {
            var actual = frame.Group(group.Name);
            foreach (var (fixture, keel) in Names)
            {
                if (group.Value.TryGetProperty(fixture, out var value))
                    Assert.Equal(value.GetDouble(), actual[keel].Value!.Value, 10);
                else
                    Assert.False(actual[keel].IsDefined, $"{group.Name} {keel} should be undefined: the group lacks a class.");
            }
        }
    }

    [Fact]
    public void Overall_AdultSlice_MatchesScikitLearn()
    {
        var overall = Audit().Overall;
        var expected = Expected.Value.GetProperty("overall");

        foreach (var (fixture, keel) in Names)
            Assert.Equal(expected.GetProperty(fixture).GetDouble(), overall[keel].Value!.Value, 10);
    }

    [Theory]
    [InlineData("sex", "sex")]
    [InlineData("race", "race")]
    [InlineData("sex × race", "sex x race")]
    public void Disparities_AdultSlice_MatchFairlearnsDefinitionsInNumpy(string analysis, string fixtureName)
    {
        var frame = Audit().Analysis(analysis).Frame;
        var expected = Expected.Value.GetProperty("features").GetProperty(fixtureName);

        foreach (var (fixture, keel) in new[] { ("selection_rate", "selection_rate"), ("recall", "true_positive_rate"), ("false_positive_rate", "false_positive_rate") })
        {
            var e = expected.GetProperty(fixture);
            Assert.Equal(e.GetProperty("difference").GetDouble(), frame.Difference(keel).Value!.Value, 10);
            Assert.Equal(e.GetProperty("ratio").GetDouble(), frame.Ratio(keel).Value!.Value, 10);
            Assert.Equal(e.GetProperty("difference_to_overall").GetDouble(), frame.Difference(keel, GroupMethod.ToOverall).Value!.Value, 10);
            Assert.Equal(e.GetProperty("ratio_to_overall").GetDouble(), frame.Ratio(keel, GroupMethod.ToOverall).Value!.Value, 10);
        }
    }

    [Fact]
    public void Measures_AdultSlice_AreTheFrameDisparities()
    {
        var sex = Audit().Analysis("sex");
        var s = Expected.Value.GetProperty("features").GetProperty("sex");

        Assert.Equal(s.GetProperty("selection_rate").GetProperty("difference").GetDouble(), sex.DemographicParityDifference.Value!.Value, 10);
        var eo = Math.Max(s.GetProperty("recall").GetProperty("difference").GetDouble(), s.GetProperty("false_positive_rate").GetProperty("difference").GetDouble());
        Assert.Equal(eo, sex.EqualizedOddsDifference.Value!.Value, 10);
        Assert.Equal(12, sex.Measures.Count);
    }

    [Fact]
    public void Summary_AdultSlice_SaysTheRatesInPlainWords()
    {
        var audit = Audit();

        Assert.Contains("By sex, the model predicts '>50K' for 15 % of Male and 9 % of Female rows; that ratio, 0.56, is below the four-fifths rule of thumb (0.80): a reason to look closer, not a verdict.", audit.Summary);
        Assert.Contains(audit.Summary, s => s.StartsWith("In the labels themselves, before any model, 30 % of Male rows and 13 % of Female rows are '>50K'.", StringComparison.Ordinal));
        Assert.Contains(audit.Summary, s => s.StartsWith("By race, the model predicts '>50K' for", StringComparison.Ordinal) && s.Contains("(the fewest)"));
    }

    [Fact]
    public void Audit_AdultSlice_HasTheIntersectionAndClarifysMetrics()
    {
        var audit = Audit();

        Assert.Equal(["sex", "race", "sex × race"], audit.Analyses.Select(a => a.Name));
        var female = audit.Analysis("sex").PretrainingBias.Single(b => b.Facet == "Female");
        Assert.Equal((1372.0 - 628) / 2000, female.ClassImbalance.Value!.Value, 12);
        Assert.Equal(0.30466472303207 - 0.12898089171974522, female.DifferenceInPositiveProportions.Value!.Value, 10);
        Assert.Contains(audit.Warnings, w => w.Contains("Group 'Other' has"));
    }

    [Fact]
    public void Bootstrap_AdultSlice_IntervalsBracketTheEstimates_AndRepeat()
    {
        var a = Audit(bootstrap: 100);
        var b = Audit(bootstrap: 100);

        var female = a.Analysis("sex").Frame.Group("Female")["selection_rate"];
        Assert.InRange(female.Value!.Value, female.Lower!.Value, female.Upper!.Value);
        Assert.Equal(female, b.Analysis("sex").Frame.Group("Female")["selection_rate"]);
        var dpd = a.Analysis("sex").DemographicParityDifference;
        Assert.InRange(dpd.Value!.Value, dpd.Lower!.Value, dpd.Upper!.Value);
        var eo = a.Analysis("sex").EqualizedOddsDifference;
        Assert.True(eo.Lower < eo.Upper);
    }

    [Fact]
    public void ControlColumns_GiveAFramePerLevel_WithTheLevelsRowsOnly()
    {
        var audit = FairnessAudit.Run(Scored.Value, "income", "y_hat", "p",
            new FairnessAuditOptions { SensitiveColumns = ["sex"], ControlColumns = ["race"], Bootstrap = 0 });

        var frame = audit.Analysis("sex").Frame;
        Assert.Equal(["Amer-Indian-Eskimo", "Asian-Pac-Islander", "Black", "Other", "White"], frame.ByControl.Select(c => c.ControlLevel));
        Assert.Equal(2000, frame.ByControl.Sum(c => c.Count));
        var white = Expected.Value.GetProperty("features").GetProperty("sex x race").GetProperty("groups");
        Assert.Equal(white.GetProperty("Female, White").GetProperty("selection_rate").GetDouble(),
            frame.ByControl.Single(c => c.ControlLevel == "White").Group("Female")["selection_rate"].Value!.Value, 12);
        Assert.Equal(["race"], audit.ControlColumns);
    }

    [Fact]
    public void PrivilegedGroup_PooledRatio_IsAif360sDisparateImpactRatio()
    {
        // AIF360's disparate_impact_ratio(y, y_pred, prot_attr='race', priv_group='White'): every non-White row pooled.
        var audit = FairnessAudit.Run(Scored.Value, "income", "y_hat", "p", new FairnessAuditOptions
        {
            SensitiveColumns = ["race"],
            PrivilegedGroups = new Dictionary<string, string> { ["race"] = "White" },
            Bootstrap = 0,
        });
        var groups = Expected.Value.GetProperty("features").GetProperty("race").GetProperty("groups");
        double selected = 0, rows = 0;
        foreach (var g in groups.EnumerateObject().Where(g => g.Name != "White"))
        {
            rows += g.Value.GetProperty("count").GetDouble();
            selected += g.Value.GetProperty("count").GetDouble() * g.Value.GetProperty("selection_rate").GetDouble();
        }
        var white = groups.GetProperty("White").GetProperty("selection_rate").GetDouble();

        var di = audit.Analysis("race").DisparateImpact;
        Assert.Equal("White", di.Reference);
        Assert.True(di.ReferenceIsPrivileged);
        Assert.Equal(selected / rows / white, di.PooledRatio!.Value!.Value, 10);
        Assert.True(di.Ratio.Value <= di.PooledRatio.Value);   // the worst single group is at most the pooled ratio
    }

    [Fact]
    public void UnknownSensitiveColumn_IsRefusedListingTheColumns()
    {
        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(Scored.Value, "income", "y_hat", "p", new FairnessAuditOptions { SensitiveColumns = ["gender"], Bootstrap = 0 }));

        Assert.Equal("The sensitive column 'gender' does not exist. The columns are: sex, race, income, y_hat, p.", e.Message);
    }

    [Fact]
    public void NonBinaryPrediction_IsRefusedNamingTheValuesFound()
    {
        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(Scored.Value, "income", "race", null, new FairnessAuditOptions { SensitiveColumns = ["sex"], Bootstrap = 0 }));

        Assert.Contains("The prediction column 'race' is not binary: it has 5 values (Amer-Indian-Eskimo, Asian-Pac-Islander, Black, Other, White)", e.Message);
    }

    [Fact]
    public void PredictionOfAnotherVocabulary_IsRefusedNamingBoth()
    {
        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(Scored.Value, "income", "sex", null, new FairnessAuditOptions { SensitiveColumns = ["race"], Bootstrap = 0 }));

        Assert.Contains("has values Female, Male, which are neither the label's classes (>50K, <=50K) nor 0/1 or false/true", e.Message);
    }

    [Fact]
    public void ZeroOnePredictions_AndMissingLabelsAndGroups_AreHandledAndSaid()
    {
        var table = new Table([
            CategoricalColumn.FromStrings("y", ["yes", "no", null, "yes", "no", "no"]),
            new NumericColumn("y_hat", [1, 0, 1, 1, 1, 0]),
            CategoricalColumn.FromStrings("group", ["a", "a", "a", null, "b", "b"]),
        ]);

        var audit = FairnessAudit.Run(table, "y", "y_hat", null, new FairnessAuditOptions { SensitiveColumns = ["group"], Bootstrap = 0 });

        Assert.Equal("yes", audit.PositiveClass);
        Assert.Equal(5, audit.Rows);
        Assert.Contains("1 of 6 rows have no label ('y' is missing) and are left out.", audit.Warnings);
        Assert.Contains(audit.Warnings, w => w.Contains("'group' is missing in 1 of 5 rows; those rows form the group '(missing)'"));
        Assert.Equal(["a", "b", "(missing)"], audit.Analyses[0].Frame.ByGroup.Select(g => g.Name));
        var tpr = audit.Analyses[0].Frame.Group("b")["true_positive_rate"];
        Assert.False(tpr.IsDefined);
        Assert.Equal("the group has no positive labels", tpr.UndefinedReason);
    }

    [Fact]
    public void PositiveClassOption_ThatIsNotALabelValue_IsRefused()
    {
        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(Scored.Value, "income", "y_hat", "p",
            new FairnessAuditOptions { SensitiveColumns = ["sex"], PositiveClass = "rich", Bootstrap = 0 }));

        Assert.Contains("The positive class 'rich' is not a value of the label column 'income'. Its values are: <=50K, >50K.", e.Message);
    }

    [Fact]
    public void ArrayAudit_MismatchedRows_IsRefused()
    {
        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(new FairnessData
        {
            YTrue = [true, false, true],
            YPred = [true, false],
            SensitiveFeatures = [new("sex", ["f", "m"])],
        }));

        Assert.Contains("YTrue has 3 rows but YPred has 2", e.Message);
    }

    [Fact]
    public void ArrayAudit_FairlearnExample_GivesFairlearnsMeasures()
    {
        var audit = FairnessAudit.Run(new FairnessData
        {
            YTrue = Metrics.FairlearnExample.YTrue,
            YPred = Metrics.FairlearnExample.YPred,
            SensitiveFeatures = [new("group", Metrics.FairlearnExample.Groups)],
        }, new FairnessAuditOptions { Bootstrap = 0 }, "1");

        var a = audit.Analysis("group");
        Assert.Equal(0.25, a.DemographicParityDifference.Value!.Value, 12);
        Assert.Equal(1.0, a.EqualizedOddsDifference.Value!.Value, 12);
        Assert.Equal(0.0, a.Measure(FairnessMeasures.EqualizedOddsRatioName).Value!.Value, 12);
    }
}
