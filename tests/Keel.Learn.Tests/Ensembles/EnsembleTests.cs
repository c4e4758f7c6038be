using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Learn.Ensembles;
using Keel.Learn.Evaluation;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Ensembles;

public class EnsembleTests
{
    private static (FeaturePlan Plan, EnsembleData Data) Prepared(TaskKind task, int rows = 1200, int folds = 3)
    {
        var (table, target) = TrainerCases.Data(task, rows);
        return EnsembleTrainer.Prepare(table, target, MetricNames.DefaultFor(task), folds, seed: 7);
    }

    [Fact]
    public void LinearOnSharedFeatures_PredictsAsTheLinearTrainerOnItsOwnStandardizedPlan()
    {
        var (table, target) = TrainerCases.Data(TaskKind.Binary, 1200);
        var own = new LinearTrainer().Fit(table, target);
        var (plan, data) = EnsembleTrainer.Prepare(table, target, MetricNames.RocAuc, 3, 7);
        var (predictor, link) = new LinearTrainer().FitFeatures(data.Features, data.Labels, target, scaled: data.Scaled);
        var shared = new Model { Target = target, Features = plan, Predictor = predictor, Link = link, Trainer = "Linear" };

        var expected = own.Predict(table).PositiveProbabilities();
        var actual = shared.Predict(table).PositiveProbabilities();
        // The same problem up to float rounding of the standardized inputs, solved by L-BFGS to its tolerance.
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 2e-3, $"largest difference {worst}");
    }

    [Fact]
    public void Bagging_OutOfFoldOutputOfARow_ComesFromTheFoldPredictorThatNeverSawIt()
    {
        var (_, data) = Prepared(TaskKind.Binary);
        var fit = BaggedFit.Fit(new LightGbmTrainer { Iterations = 20 }, "LightGbm", data.Features, data.Scaled, data);

        Assert.Equal(3, fit.Member.Folds.Count);
        for (var f = 0; f < data.Folds.Length; f++)
        {
            var row = data.Folds[f][0];
            var raw = new double[1];
            fit.Member.Folds[f].Score(data.Features.Values.AsSpan(row * data.Features.Columns, data.Features.Columns), 1, raw);
            Assert.Equal(fit.Member.Link.Probability(raw[0]), fit.OutOfFold[row], 12);
            var other = fit.Member.Folds[(f + 1) % 3];
            other.Score(data.Features.Values.AsSpan(row * data.Features.Columns, data.Features.Columns), 1, raw);
            Assert.NotEqual(fit.Member.Link.Probability(raw[0]), fit.OutOfFold[row], 12);
        }
        Assert.Equal(3, fit.FoldScores.Count);
        Assert.InRange(fit.Score, 0.75, 0.95);
    }

    [Fact]
    public void Voting_ScoresTheAverageOfItsMembersFoldOutputs()
    {
        var (plan, data) = Prepared(TaskKind.Binary);
        var a = BaggedFit.Fit(new LightGbmTrainer { Iterations = 20 }, "LightGbm", data.Features, data.Scaled, data);
        var b = BaggedFit.Fit(new LinearTrainer(), "Linear", data.Features, data.Scaled, data);
        var vote = Ensembling.Vote([a, b], data);

        var raw = new double[data.Features.Rows];
        vote.Predictor.Score(data.Features, raw);
        var row = 11;
        double Member(BaggedFit m) => m.Member.Folds.Average(p =>
        {
            var r = new double[1];
            p.Score(data.Features.Values.AsSpan(row * data.Features.Columns, data.Features.Columns), 1, r);
            return m.Member.Link.Probability(r[0]);
        });
        Assert.Equal((Member(a) + Member(b)) / 2, raw[row], 12);
        Assert.Equal((a.OutOfFold[row] + b.OutOfFold[row]) / 2, vote.OutOfFold[row], 12);
        Assert.Equal(Link.ProbabilityIdentity, vote.Predictor.LinkFor());
    }

    [Fact]
    public void GreedySelection_OfAPerfectAndARandomCandidate_KeepsOnlyThePerfectOne()
    {
        var (_, data) = Prepared(TaskKind.Binary, 300);
        var perfect = data.Labels.Select(y => y == 1 ? 0.9 : 0.1).ToArray();
        var noise = data.Labels.Select((_, i) => (i * 0.6180339887) % 1).ToArray();

        var (weights, score) = GreedyEnsembleSelection.Select([noise, perfect], data);

        Assert.Equal([0.0, 1.0], weights);
        Assert.Equal(1.0, score, 12);
    }

    [Fact]
    public void GreedySelection_HandComputedExample_MixesTwoComplementaryCandidates()
    {
        // Labels 0,0,1,1. A ranks rows (0.1, 0.6, 0.4, 0.9): AUC 0.75; B ranks (0.6, 0.1, 0.9, 0.4): AUC 0.75.
        // Their average (0.35, 0.35, 0.65, 0.65) ranks both positives above both negatives: AUC 1. Step 1 picks A
        // (first of the tie), step 2 B; nothing scores above 1, so the kept ensemble is {A, B} with weights ½, ½.
        var table = new Table([new NumericColumn("x", [1, 2, 3, 4]), new CategoricalColumn("y", [0, 0, 1, 1], ["n", "p"])]);
        var target = Target.Detect(table, "y");
        var data = new EnsembleData(new FeatureMatrix([1, 2, 3, 4], 4, ["x"]), [0, 0, 1, 1], target, [[0, 2], [1, 3]], [true], MetricNames.RocAuc);

        var (weights, score) = GreedyEnsembleSelection.Select([[0.1, 0.6, 0.4, 0.9], [0.6, 0.1, 0.9, 0.4]], data, steps: 4);

        Assert.Equal([0.5, 0.5], weights);
        Assert.Equal(1.0, score, 12);
    }

    [Theory]
    [InlineData(EnsembleKind.Selection, TaskKind.Binary)]
    [InlineData(EnsembleKind.Stacking, TaskKind.Binary)]
    [InlineData(EnsembleKind.Voting, TaskKind.Multiclass)]
    [InlineData(EnsembleKind.Stacking, TaskKind.Regression)]
    public void EnsembleModel_SavesLoadsAndPredictsTheSame(EnsembleKind kind, TaskKind task)
    {
        var (table, target) = TrainerCases.Data(task, 900);
        var trainer = new EnsembleTrainer
        {
            Kind = kind,
            Folds = 3,
            BaseTrainers = task == TaskKind.Multiclass
                ? [new LightGbmTrainer { Iterations = 20 }, new LinearTrainer()]
                : [new LightGbmTrainer { Iterations = 20 }, new FastTreeTrainer { Trees = 10 }, new LinearTrainer()],
            Stackers = [new LightGbmTrainer { Iterations = 20, Leaves = 7 }, new LinearTrainer()],
        };
        var model = trainer.Fit(table, target);
        var path = Path.Combine(Path.GetTempPath(), $"keel-ensemble-{Guid.NewGuid():N}.keel");
        try
        {
            BundleFactory.For(model, table).Save(path);
            var loaded = ModelBundle.Load(path).Model;
            var before = model.Predict(table);
            var after = loaded.Predict(table);
            Assert.Equal(before.Raw, after.Raw);
            Assert.IsType<StackedEnsemble>(loaded.Predictor);
            Assert.Equal(kind == EnsembleKind.Stacking ? 2 : 1, ((StackedEnsemble)loaded.Predictor).Layers.Count);
            if (task == TaskKind.Multiclass)
                for (var r = 0; r < 5; r++) Assert.Equal(1.0, Enumerable.Range(0, target.Classes.Count).Sum(c => after.Probability(r, c)), 9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Selection_OutOfFoldScore_IsAtLeastTheBestMembers()
    {
        var (_, data) = Prepared(TaskKind.Binary, 1500);
        var members = new[]
        {
            BaggedFit.Fit(new LightGbmTrainer { Iterations = 30 }, "LightGbm", data.Features, data.Scaled, data),
            BaggedFit.Fit(new FastForestTrainer { Trees = 20 }, "FastForest", data.Features, data.Scaled, data),
            BaggedFit.Fit(new LinearTrainer(), "Linear", data.Features, data.Scaled, data),
        };
        var selected = Ensembling.Select(members, data);
        Assert.True(selected.Score >= members.Max(m => m.Score), $"{selected.Score} < {members.Max(m => m.Score)}");
        Assert.Equal(data.Score(selected.OutOfFold), selected.Score, 12);
    }

    [Fact]
    public void Stacking_SecondLayerReadsFeaturesAndEveryFirstLayerOutput()
    {
        var (_, data) = Prepared(TaskKind.Multiclass, 900);
        var first = new[]
        {
            BaggedFit.Fit(new LightGbmTrainer { Iterations = 10 }, "LightGbm", data.Features, data.Scaled, data),
            BaggedFit.Fit(new LinearTrainer(), "Linear", data.Features, data.Scaled, data),
        };
        var second = Ensembling.NextLayer(first, [(new LinearTrainer(), "Linear stacker")], data);
        var stack = Ensembling.Stack(first, second, data);

        var classes = data.Target.Classes.Count;
        Assert.Equal(data.Features.Columns + 2 * classes, stack.Predictor.InputsOf(1));
        Assert.Equal(data.Features.Columns + 2 * classes, second[0].Member.Folds[0].FeatureCount);
    }

    [Fact]
    public void Checked_RefusesWeightsThatDoNotSumToOne()
    {
        var (_, data) = Prepared(TaskKind.Binary, 300);
        var a = BaggedFit.Fit(new LinearTrainer(), "Linear", data.Features, data.Scaled, data);
        var ensemble = Ensembling.Vote([a], data).Predictor;
        var error = Assert.Throws<KeelLearnException>(() => (ensemble with { Weights = [0.7] }).Checked());
        Assert.Contains("sum to 1", error.Message);
    }
}
