using Keel.Data;
using Keel.Monitoring.Multivariate;

namespace Keel.Monitoring.Tests.Multivariate;

public class DomainClassifierTests
{
    /// <summary>Small enough to keep the tests fast: 1,500 rows of each table.</summary>
    private static readonly DomainClassifierOptions Fast = new() { MaxRows = 1500 };

    /// <summary>Two disjoint random halves of Adult: nothing tells them apart.</summary>
    private static (Table A, Table B) Halves(int seed)
    {
        var adult = MultivariateData.Adult;
        var order = Enumerable.Range(0, adult.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        return (adult.Take(order[..(order.Length / 2)]), adult.Take(order[(order.Length / 2)..]));
    }

    /// <summary>The same rows with everyone <paramref name="years"/> older (column1 is age).</summary>
    private static Table Older(Table table, double years) =>
        table.WithColumn(new NumericColumn("column1", ((NumericColumn)table["column1"]).Values.ToArray().Select(v => v + years).ToArray()));

    [Fact]
    public void TwoSamplesOfTheSameData_GiveAnAucNearOneHalf_BelowTheThreshold()
    {
        var (a, b) = Halves(seed: 3);

        var result = DomainClassifier.Compare(a, b, Fast);

        Assert.InRange(result.Auc, 0.46, 0.54);
        Assert.False(result.Drifted);
        Assert.Equal(0.55, result.Threshold);
        Assert.Equal(5, result.FoldAucs.Count);
        Assert.Equal(1500, result.ReferenceRows);
        Assert.Equal(1500, result.CurrentRows);
        Assert.Equal(14, result.Columns.Count);
        Assert.DoesNotContain(result.Columns, c => c.Column == "column15");
    }

    /// <summary>
    /// The example in DomainClassifier's XML documentation, on Adult with everyone in the current half five years
    /// older: the AUC is well above the threshold in every fold, and age (column1) is named first, by far.
    /// </summary>
    [Fact]
    public void AShiftedColumn_IsCaughtAndNamedFirst_AsTheDocumentationExamplePrints()
    {
        var (reference, b) = Halves(seed: 3);
        var current = Older(b, 5);

        var result = DomainClassifier.Compare(reference, current, Fast);
        var line = result.Drifted
            ? $"Drift: AUC {result.Auc:0.00}, given away most by '{result.Columns[0].Column}'"
            : $"No drift: AUC {result.Auc:0.00}";

        Assert.Matches(@"^Drift: AUC 0\.\d\d, given away most by 'column1'$", line);
        Assert.True(result.Auc > 0.62, $"AUC {result.Auc:0.000}");
        Assert.All(result.FoldAucs, auc => Assert.True(auc > 0.58, $"fold AUC {auc:0.000}"));
        Assert.Equal(result.Auc, result.OutOfFoldAuc, 0.02);
        Assert.True(result.Columns[0].Mean > 2 * Math.Max(result.Columns[1].Mean, 0.01),
            $"age {result.Columns[0].Mean:0.000} against {result.Columns[1].Column} {result.Columns[1].Mean:0.000}");
    }

    [Fact]
    public void Compare_UnderOneSeed_GivesTheSameResult_AndAnotherSeedDrawsOtherRows()
    {
        var (a, b) = Halves(seed: 3);
        var shifted = Older(b, 5);
        var options = new DomainClassifierOptions { MaxRows = 500, Rounds = 30, Seed = 7 };

        var first = DomainClassifier.Compare(a, shifted, options);
        var again = DomainClassifier.Compare(a, shifted, options);
        var other = DomainClassifier.Compare(a, shifted, options with { Seed = 8 });

        Assert.Equal(first.Auc, again.Auc);
        Assert.Equal(first.FoldAucs, again.FoldAucs);
        Assert.Equal(first.OutOfFoldAuc, again.OutOfFoldAuc);
        Assert.Equal(first.Columns, again.Columns);
        Assert.NotEqual(first.FoldAucs, other.FoldAucs);
    }

    /// <summary>
    /// The butterfly's drift is in the relation between two columns only; the trees see it too, and name the pair.
    /// </summary>
    [Fact]
    public void BrokenCorrelation_IsSeenToo_AndThePairIsNamed()
    {
        var reference = MultivariateData.Butterfly(1000, rotated: false, seed: 1);
        var current = MultivariateData.Butterfly(1000, rotated: true, seed: 2);

        var result = DomainClassifier.Compare(reference, current);

        Assert.True(result.Drifted, $"AUC {result.Auc:0.000}");
        Assert.Equal(["feature1", "feature2"], result.Columns.Take(2).Select(c => c.Column).Order());
    }

    [Fact]
    public void Compare_BadOptions_AreRefusedWithEveryProblemInOneMessage()
    {
        var (a, b) = (MultivariateData.Butterfly(100, false, 1), MultivariateData.Butterfly(100, false, 2));

        var error = Assert.Throws<ArgumentException>(() => DomainClassifier.Compare(a, b, new DomainClassifierOptions
        {
            Threshold = 0.5, Folds = 1, MaxRows = 5, Rounds = 0, Leaves = 1, LearningRate = 0, ImportanceRepeats = 0, Threads = 0, Columns = [],
        }));

        Assert.Contains("Threshold must be above 0.5 and at most 1; it is 0.5.", error.Message);
        Assert.Contains("Folds must be 2 to 20; it is 1.", error.Message);
        Assert.Contains("MaxRows must be 10 to 1,000,000; it is 5.", error.Message);
        Assert.Contains("Rounds must be 1 to 10,000; it is 0.", error.Message);
        Assert.Contains("Leaves must be 2 to 1,024; it is 1.", error.Message);
        Assert.Contains("LearningRate must be above 0 and at most 1; it is 0.", error.Message);
        Assert.Contains("ImportanceRepeats must be 1 to 100; it is 0.", error.Message);
        Assert.Contains("Threads must be 1 to 256; it is 0.", error.Message);
        Assert.Contains("Columns must name at least one column", error.Message);
    }

    [Fact]
    public void Compare_AColumnOnlyOneTableHas_IsRefusedNamingIt()
    {
        var reference = MultivariateData.Butterfly(100, false, 1);
        var current = MultivariateData.Butterfly(100, false, 2).Select(["feature1", "feature2", "feature3", "feature4"])
            .WithColumn(new NumericColumn("price", new double[100]));

        var error = Assert.Throws<KeelDataException>(() => DomainClassifier.Compare(reference, current));

        Assert.Equal("Column 'feature5' is in the reference but not in the current data. Column 'price' is in the current data but not in the reference. " +
                     "Set Columns to compare only the columns both tables have.", error.Message);
    }

    [Fact]
    public void Compare_AColumnOfAnotherTypeInTheCurrentData_IsRefusedNamingBothTypes()
    {
        var reference = MultivariateData.Butterfly(100, false, 1);
        var current = MultivariateData.Butterfly(100, false, 2)
            .WithColumn(CategoricalColumn.FromStrings("feature3", Enumerable.Repeat<string?>("high", 100).ToArray()));

        var error = Assert.Throws<KeelDataException>(() => DomainClassifier.Compare(reference, current));

        Assert.Equal("Column 'feature3' is numeric in the reference but categorical in the current data.", error.Message);
    }

    /// <summary>Listed columns only; a categorical with missing values and a category one table lacks, and a boolean, are features like any other.</summary>
    [Fact]
    public void Compare_ListedColumns_OfEveryKind_LeaveTheOthersOut()
    {
        var random = new Random(4);
        var reference = MultivariateData.Butterfly(300, false, 1)
            .WithColumn(CategoricalColumn.FromStrings("plan", Enumerable.Range(0, 300).Select(i => i % 10 == 0 ? null : i % 3 == 0 ? "basic" : "pro").ToArray()))
            .WithColumn(new BooleanColumn("vip", Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.1 ? BooleanColumn.Missing : (byte)random.Next(2)).ToArray()));
        var current = MultivariateData.Butterfly(300, false, 2)
            .WithColumn(CategoricalColumn.FromStrings("plan", Enumerable.Range(0, 300).Select(i => i % 4 == 0 ? "premium" : "pro").ToArray()))
            .WithColumn(new BooleanColumn("vip", Enumerable.Range(0, 300).Select(_ => (byte)random.Next(2)).ToArray()));

        var result = DomainClassifier.Compare(reference, current, new DomainClassifierOptions { Columns = ["vip", "plan", "feature1"], Rounds = 30 });

        Assert.Equal(["feature1", "plan", "vip"], result.Columns.Select(c => c.Column).Order());
        Assert.Equal("plan", result.Columns[0].Column);
        Assert.True(result.Drifted, $"AUC {result.Auc:0.000}");
    }
}
