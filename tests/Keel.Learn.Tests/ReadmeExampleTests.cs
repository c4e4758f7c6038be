using Keel.Data.Io;
using Keel.Learn.Evaluation;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests;

/// <summary>The README's five-line example, as a test, so the README stays true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void FiveLineExample_Runs()
    {
        var data = CsvTableReader.Read(TestData.Samples("telco_churn.csv"));
        var target = Target.Detect(data, "Churn");
        var model = new LightGbmTrainer().Fit(data.Take(Enumerable.Range(0, 5000).ToArray()), target);
        var holdout = data.Take(Enumerable.Range(5000, data.RowCount - 5000).ToArray());
        var churn = model.Predict(holdout).PositiveProbabilities();
        var auc = Evaluator.Evaluate(model, holdout)[MetricNames.RocAuc];

        Assert.Equal(holdout.RowCount, churn.Length);
        Assert.InRange(auc, 0.78, 0.95);
    }
}
