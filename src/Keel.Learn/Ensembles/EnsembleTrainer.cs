using System.Globalization;
using Keel.Data;
using Keel.Learn.Evaluation;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;

namespace Keel.Learn.Ensembles;

/// <summary>
/// Trains an ensemble of built-in trainers as one model: every base trainer is bagged on the same k folds of one
/// shared featurization, then combined by <see cref="Kind"/> — voting, greedy ensemble selection (Caruana et al.
/// 2004), or two-layer stacking (AutoGluon's scheme). The result is an ordinary <see cref="Model"/> whose predictor is
/// a <see cref="StackedEnsemble"/>: it saves in a bundle, predicts, serves, monitors, and is explained by Kernel or
/// permutation SHAP.
/// </summary>
/// <example>
/// <code>
/// var model = new EnsembleTrainer { Kind = EnsembleKind.Selection }.Fit(train, Target.Detect(train, "Churn"));
/// </code>
/// </example>
public sealed class EnsembleTrainer : ITrainer
{
    /// <summary>How members are combined. The default value is <see cref="EnsembleKind.Selection"/>.</summary>
    public EnsembleKind Kind { get; init; } = EnsembleKind.Selection;

    /// <summary>The first layer's trainers. The default value is the built-in trainers that support the task.</summary>
    public IReadOnlyList<FeaturizedTrainer>? BaseTrainers { get; init; }

    /// <summary>
    /// The second layer's trainers for <see cref="EnsembleKind.Stacking"/>. The default value is a shallow LightGBM
    /// (100 rounds of 15 leaves) and the linear trainer.
    /// </summary>
    public IReadOnlyList<FeaturizedTrainer>? Stackers { get; init; }

    /// <summary>Folds of the bagging (2 to 20). The default value is 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The metric selection optimizes. The default value is roc_auc, log_loss or rmse by task.</summary>
    public string? Metric { get; init; }

    /// <summary>How members' numbers are featurized (never standardized: linear members standardize their own copy).</summary>
    public FeaturizationOptions Featurization { get; init; } = new();

    public string Name => Kind switch
    {
        EnsembleKind.Voting => "VotingEnsemble",
        EnsembleKind.Stacking => "StackedEnsemble",
        _ => "SelectedEnsemble",
    };

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["kind"] = Kind.ToString().ToLowerInvariant(),
        ["folds"] = Folds.ToString(CultureInfo.InvariantCulture),
        ["base_trainers"] = BaseTrainers is null ? "built-in" : string.Join(",", BaseTrainers.Select(t => t.Name)),
        ["stackers"] = Kind == EnsembleKind.Stacking ? string.Join(",", StackersFor().Select(t => t.Name)) : "",
    };

    public bool Supports(TaskKind task) => task != TaskKind.Anomaly;

    public Model Fit(Table train, Target target, TrainingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(target);
        context ??= new TrainingContext();
        if (!Supports(target.Task)) throw new KeelLearnException("Ensembles are for classification and regression, not anomaly detection.");
        if (Folds is < 2 or > 20) throw new KeelLearnException($"Ensemble folds must be between 2 and 20; it is {Folds}.");
        var bases = (BaseTrainers ?? SelectionOptions.BuiltInTrainers().OfType<FeaturizedTrainer>().ToArray()).Where(t => t.Supports(target.Task)).ToArray();
        if (bases.Length == 0) throw new KeelLearnException($"No base trainer of the ensemble supports {target.Task.ToString().ToLowerInvariant()} tasks.");
        var (plan, data) = Prepare(train, target, Metric ?? MetricNames.DefaultFor(target.Task), Folds, context.Seed, Featurization);
        var names = Names(bases.Select(b => b.Name).ToArray());
        var members = new List<BaggedFit>();
        for (var i = 0; i < bases.Length; i++)
        {
            members.Add(BaggedFit.Fit(bases[i], names[i], data.Features, data.Scaled, data, context));
            context.Progress?.Report((i + 1.0) / (bases.Length + (Kind == EnsembleKind.Stacking ? 1 : 0)));
        }
        var fit = Kind switch
        {
            EnsembleKind.Voting => Ensembling.Vote(members, data),
            EnsembleKind.Selection => Ensembling.Select(members, data),
            _ => Ensembling.Stack(members, Ensembling.NextLayer(members, StackersFor().Select((s, i) => (s, $"{s.Name} stacker" + (i == 0 ? "" : $" {i + 1}"))).ToArray(), data, context), data),
        };
        context.Progress?.Report(1);
        return new Model { Target = target, Features = plan, Predictor = fit.Predictor, Link = fit.Predictor.LinkFor(), Trainer = Name };
    }

    /// <summary>
    /// The shared featurization of labelled training rows (fitted without standardization), their features and
    /// labels, and the seeded, stratified folds every member is bagged on (<see cref="DataSplit.KFold"/>).
    /// </summary>
    public static (FeaturePlan Plan, EnsembleData Data) Prepare(Table train, Target target, string metric, int folds, int seed, FeaturizationOptions? featurization = null)
    {
        var labels = target.Encode(train);
        var keep = target.LabelledRows(labels);
        if (keep.Length < labels.Length)
        {
            train = train.Take(keep);
            labels = keep.Select(i => labels[i]).ToArray();
        }
        if (keep.Length < 2 * folds) throw new KeelLearnException($"There are {keep.Length} rows with a label; {folds}-fold bagging needs at least {2 * folds}.");
        var plan = FeaturePlan.Fit(train.WithRole(target.Column, ColumnRole.Label), (featurization ?? new FeaturizationOptions()) with { Standardize = false });
        var features = plan.Transform(train);
        var data = new EnsembleData(features, labels.Select(v => (float)v).ToArray(), target, DataSplit.KFold(labels, target.Task, folds, seed), plan.StandardizedFeatures(), metric);
        return (plan, data);
    }

    /// <summary>Member names that tell equal trainers apart: "LightGbm", "LightGbm 2", ...</summary>
    public static string[] Names(IReadOnlyList<string> trainers) =>
        trainers.Select((t, i) => trainers.Take(i).Count(x => x == t) is var before && before == 0 && trainers.Count(x => x == t) == 1 ? t : $"{t} {before + 1}").ToArray();

    private IReadOnlyList<FeaturizedTrainer> StackersFor() => Stackers ?? [new LightGbmTrainer { Iterations = 100, Leaves = 15 }, new LinearTrainer()];
}
