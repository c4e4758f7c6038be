using Keel.Learn.Evaluation;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Evaluation;

public class EvaluatorTests
{
    [Fact]
    public void Evaluate_IntervalsBracketThePointEstimate_AndRepeatUnderASeed()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 1500);
        var model = new LinearTrainer().Fit(data.Take(Enumerable.Range(0, 1000).ToArray()), target);
        var test = data.Take(Enumerable.Range(1000, 500).ToArray());

        var a = Evaluator.Evaluate(model, test, resamples: 200, seed: 1);
        var b = Evaluator.Evaluate(model, test, resamples: 200, seed: 1);

        var auc = a.Metric(MetricNames.RocAuc);
        Assert.InRange(auc.Value, auc.Lower!.Value, auc.Upper!.Value);
        Assert.True(auc.Upper - auc.Lower is > 0.01 and < 0.2);
        Assert.Equal(a.Metrics, b.Metrics);
        Assert.Equal(500, a.ConfusionMatrix.Sum(r => r.Sum()));
        Assert.NotNull(a.Roc);
    }

    [Fact]
    public void PermutationImportance_ShufflingTheStrongestColumnHurtsMost()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 1500);
        var model = new LightGbmTrainer { Iterations = 40 }.Fit(data, target);

        var importance = PermutationImportance.Compute(model, data, repeats: 2);

        Assert.Contains(importance[0].Column, new[] { "Contract", "tenure", "MonthlyCharges", "TotalCharges", "InternetService", "PaymentMethod" });
        Assert.True(importance[0].Mean > 0.01);
        Assert.Equal(importance.Select(i => i.Mean).OrderDescending(), importance.Select(i => i.Mean));
    }
}
