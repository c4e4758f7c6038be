using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

public class LimeTabularTests
{
    private static readonly Keel.Data.Table Telco = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv"));

    [Fact]
    public void Explain_IsReproducibleUnderItsSeed_AndNamesTheInputsThatDriveChurn()
    {
        var train = Telco.Take(Enumerable.Range(0, 2000).ToArray());
        var model = new LightGbmTrainer { Iterations = 40 }.Fit(train, Target.Detect(train, "Churn"));
        var rows = Telco.Take([0, 1]);

        var first = new LimeTabular(model, train, new LimeOptions { Samples = 2000, Seed = 7 }).Explain(rows, 0);
        var again = new LimeTabular(model, train, new LimeOptions { Samples = 2000, Seed = 7 }).Explain(rows, 0);
        var other = new LimeTabular(model, train, new LimeOptions { Samples = 2000, Seed = 8 }).Explain(rows, 0);

        Assert.Equal(first.Terms, again.Terms);
        Assert.Equal(first.Intercept, again.Intercept);
        Assert.NotEqual(first.Terms.Select(t => t.Weight), other.Terms.Select(t => t.Weight));
        Assert.Equal(model.Predict(rows).Probability(0, 1), first.ModelPrediction, 12);
        Assert.Contains(first.Terms.Take(3), t => t.Column is "tenure" or "Contract" or "TotalCharges");
        Assert.Contains(first.Terms, t => t.Condition == "Contract = Month-to-month");
        Assert.Contains(first.Terms, t => t.Condition.StartsWith("tenure <= ", StringComparison.Ordinal));
        Assert.InRange(first.Score, 0.05, 1);
    }

    [Fact]
    public void TooFewSamples_AreRefused()
    {
        var train = Telco.Take(Enumerable.Range(0, 300).ToArray());
        var model = new LinearTrainer().Fit(train, Target.Detect(train, "Churn"));

        var error = Assert.Throws<KeelLearnException>(() => new LimeTabular(model, train, new LimeOptions { Samples = 3 }));

        Assert.Contains("at least 10 samples", error.Message);
    }
}
