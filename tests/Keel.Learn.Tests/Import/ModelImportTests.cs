using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Learn.Import;
using Keel.Learn.Tests.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Keel.Learn.Tests.Import;

/// <summary>An imported model becomes an ordinary bundle: signature, target, profile, ONNX; bad names are refused.</summary>
public sealed class ModelImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ImportedEnsemble Xgboost(string name) => XgboostJsonModel.Parse(XgboostFixture.Load(name).ModelText, $"xgboost_{name}.model.json");

    private static ColumnSchema[] Numeric(params string[] names) => names.Select(n => new ColumnSchema(n, ColumnType.Numeric)).ToArray();

    [Fact]
    public void Build_BinaryWithStoredNames_MakesABundleThatSavesLoadsAndPredictsTheSame()
    {
        var fixture = XgboostFixture.Load("binary");
        var bundle = ModelImport.Build(Xgboost("binary"), new ModelImportOptions { Name = "churn", Label = "Churn", Classes = ["No", "Yes"], Source = "churn.json" });
        var path = Path.Combine(_folder, "churn.keel");

        bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        var m = loaded.Manifest;
        Assert.Equal("churn", m.Name);
        Assert.Equal("XGBoost (imported)", m.Trainer);
        Assert.Equal(TaskKind.Binary, m.Task);
        Assert.Equal("Yes", m.PositiveClass);
        Assert.Equal(fixture.Features, m.Inputs.Select(i => i.Name));
        Assert.All(m.Inputs, i => Assert.Equal(ColumnType.Numeric, i.Type));
        Assert.Equal("binary:logistic", m.Parameters["objective"]);
        Assert.Equal("30", m.Parameters["trees"]);
        Assert.Equal(0, loaded.Profile.RowCount);
        Assert.Equal(fixture.Features, loaded.Profile.Columns.Select(c => c.Name));
        Assert.Null(loaded.Evaluation);
        Assert.Equal(bundle.Model.Predict(fixture.Table).Probabilities, loaded.Model.Predict(fixture.Table).Probabilities);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("regression")]
    [InlineData("softprob")]
    public void Build_OnnxExport_PredictsWhatKeelPredictsWithMissingValues(string name)
    {
        var fixture = XgboostFixture.Load(name);
        var bundle = ModelImport.Build(Xgboost(name), new ModelImportOptions { Inputs = Numeric(fixture.Features) });
        var expected = bundle.Model.Predict(fixture.Table);

        Assert.NotNull(bundle.Onnx);
        using var session = new InferenceSession(bundle.Onnx);
        using var results = session.Run(OnnxExportTests.Inputs(bundle.Model, fixture.Table));

        if (name == "regression")
        {
            var score = results.First(r => r.Name == "score").AsTensor<float>().ToArray();
            for (var i = 0; i < expected.Rows; i++) Assert.Equal(expected.Values![i], score[i], 1e-5 * Math.Max(1, Math.Abs(expected.Values[i])));
            return;
        }
        var probabilities = results.First(r => r.Name == "probabilities").AsTensor<float>().ToArray();
        var k = expected.Classes.Count;
        for (var i = 0; i < expected.Rows; i++)
            for (var c = 0; c < k; c++) Assert.Equal(expected.Probability(i, c), probabilities[i * k + c], 1e-5);
    }

    [Fact]
    public void Build_WithoutClassNames_NamesClassesByIndex()
    {
        var bundle = ModelImport.Build(Xgboost("softprob"), new ModelImportOptions { Inputs = Numeric(XgboostFixture.Load("softprob").Features) });

        Assert.Equal(["0", "1", "2"], bundle.Manifest.Classes);
        Assert.Equal(TaskKind.Multiclass, bundle.Model.Target.Task);
    }

    [Fact]
    public void Build_WithReferenceData_ProfilesItAndRecordsItsFingerprint()
    {
        var fixture = XgboostFixture.Load("regression");

        var bundle = ModelImport.Build(Xgboost("regression"), new ModelImportOptions { ReferenceSource = "reference.csv" }, fixture.Table);

        Assert.Equal(200, bundle.Profile.RowCount);
        Assert.Equal("reference.csv", bundle.Manifest.TrainingData.Source);
        Assert.Equal(DataFingerprint.Compute(fixture.Table), bundle.Manifest.TrainingData.Fingerprint);
        Assert.Equal(200, bundle.Manifest.TrainingData.Rows);
    }

    [Fact]
    public void Build_ReferenceDataWithoutAnInput_IsRefusedNamingIt()
    {
        var fixture = XgboostFixture.Load("regression");
        var reference = new Table(fixture.Table.Columns.Where(c => c.Name != "tenure").ToArray());

        var e = Assert.Throws<KeelLearnException>(() => ModelImport.Build(Xgboost("regression"), new ModelImportOptions(), reference));

        Assert.Contains("column 'tenure' is missing", e.Message);
    }

    [Fact]
    public void Build_FeatureCountMismatch_IsRefusedNamingBothCounts()
    {
        var e = Assert.Throws<KeelLearnException>(() =>
            ModelImport.Build(Xgboost("binary"), new ModelImportOptions { Inputs = Numeric("a", "b", "c"), Source = "churn.json" }));

        Assert.Contains("Cannot import churn.json: the model has 4 features but 3 input columns were named (a, b, c)", e.Message);
    }

    [Fact]
    public void Build_NoStoredNamesAndNoneGiven_AsksForColumns()
    {
        var e = Assert.Throws<KeelLearnException>(() => ModelImport.Build(Xgboost("softprob"), new ModelImportOptions { Source = "contract.json" }));

        Assert.Contains("contract.json stores no feature names", e.Message);
        Assert.Contains("--columns", e.Message);
    }

    [Fact]
    public void Build_EveryNamingProblem_IsListedInOneError()
    {
        var options = new ModelImportOptions
        {
            Inputs = [new ColumnSchema("a", ColumnType.Numeric), new ColumnSchema("a", ColumnType.Numeric), new ColumnSchema("plan", ColumnType.Categorical), new ColumnSchema("label", ColumnType.Numeric)],
            Classes = ["no", "maybe", "yes"],
        };

        var e = Assert.Throws<KeelLearnException>(() => ModelImport.Build(Xgboost("binary"), options));

        Assert.Contains("'a' is named more than once", e.Message);
        Assert.Contains("'plan' is categorical", e.Message);
        Assert.Contains("the label 'label' is also an input column", e.Message);
        Assert.Contains("binary classifier with 2 classes, but 3 class names were given", e.Message);
    }

    [Fact]
    public void Build_ClassesForARegressionModel_AreRefused()
    {
        var e = Assert.Throws<KeelLearnException>(() => ModelImport.Build(Xgboost("regression"), new ModelImportOptions { Classes = ["low", "high"] }));

        Assert.Contains("regression model (reg:squarederror), so it has no classes", e.Message);
    }
}
