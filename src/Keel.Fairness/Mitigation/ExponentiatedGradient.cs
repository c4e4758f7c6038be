using Keel.Data;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Models.Decisions;
using Keel.Learn.Trainers;

namespace Keel.Fairness.Mitigation;

/// <summary>
/// In-processing for fairness: the exponentiated-gradient reduction of Agarwal, Beygelzimer, Dudík, Langford and Wallach
/// (2018), "A Reductions Approach to Fair Classification", as Fairlearn's <c>ExponentiatedGradient</c> runs it. A
/// two-player game between a learner that answers multipliers λ with a classifier (any Keel trainer that takes row
/// weights, trained on relabelled, reweighted rows: cost-sensitive classification) and a λ-player that raises the
/// multipliers of violated constraints; the answer is a randomized mixture of the classifiers found whose constraint
/// violation is near the bound and whose error is near the best under it. The mixture is an ordinary <see cref="Model"/>
/// (<see cref="RandomizedMixture"/>): its probability is the mixture's P(positive), its label a per-row draw.
/// </summary>
/// <example>
/// <code>
/// var result = ExponentiatedGradient.Fit(train, Target.Detect(train, "income"), "sex", new LightGbmTrainer());
/// Console.WriteLine($"{result.Classifiers} classifiers, gap {result.BestGap:F4}, disparity {result.Disparity:F4}");
/// var labels = result.Model.Predict(test).Labels;
/// </code>
/// </example>
public static class ExponentiatedGradient
{
    /// <summary>
    /// Fits the mixture on the labelled rows of <paramref name="train"/>. The sensitive column defines the groups; it is
    /// a feature only if its role in the table says so. <paramref name="context"/>'s seed, threads and cancellation
    /// reach every training call; its weights, if any, are refused (the reduction sets the weights).
    /// </summary>
    public static ExponentiatedGradientResult Fit(Table train, Target target, string sensitiveColumn, ITrainer trainer,
        ExponentiatedGradientOptions? options = null, TrainingContext? context = null, IProgress<ExponentiatedGradientStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        options ??= new ExponentiatedGradientOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelLearnException($"Exponentiated gradient options: {string.Join(" ", problems)}");
        context ??= new TrainingContext { Seed = options.Seed };
        if (context.Weights is not null)
            throw new KeelLearnException("The exponentiated-gradient reduction sets the row weights itself; train without weights.");
        if (!trainer.Supports(TaskKind.Binary))
            throw new KeelLearnException($"The {trainer.Name} trainer does not train binary classifiers.");
        var groups = SensitiveGroups.Of(train, target, sensitiveColumn);
        var rows = train.Take(groups.Rows);
        FeatureMatrix? features = null;
        FeaturePlan? plan = null;

        Hypothesis<Model?> Oracle(int[] relabeled, double[] weights)
        {
            var label = new CategoricalColumn(target.Column, relabeled, [.. target.Classes]);
            var model = trainer.Fit(rows.WithColumn(label), target, context with { Weights = weights, Progress = null });
            if (plan is null)
            {
                plan = model.Features;
                features = plan.Transform(rows);
            }
            else if (!model.Features.FeatureNames.SequenceEqual(plan.FeatureNames))
                throw new KeelLearnException($"The {trainer.Name} trainer learned a different featurization on the same rows; the mixture needs one.");
            var labels = model.Predict(features!).Labels!;
            var positive = target.Classes[1];
            return new Hypothesis<Model?>(labels.Select(l => l == positive ? 1 : 0).ToArray(), model, null);
        }

        Hypothesis<Model?> Constant(int value) => new(Enumerable.Repeat(value, groups.Count).ToArray(), null, value);

        var solved = Solve(groups, options, Oracle, Constant,
            progress is null ? null : (t, gap, run) => progress.Report(new ExponentiatedGradientStep(t, options.MaxIterations, gap, run.Nu, run.Classifiers, run.OracleCalls)),
            context.CancellationToken);
        var run = solved.Run;
        plan ??= FeaturePlan.Fit(rows.WithRole(target.Column, ColumnRole.Label));
        var members = run.Hypotheses.Select((h, k) => h.Constant is { } c
            ? new MixtureMember(run.Weights[k], Constant: c)
            : new MixtureMember(run.Weights[k], h.Classifier!.Predictor, h.Classifier.Link, h.Classifier.Threshold));
        var model = new Model
        {
            Target = target,
            Features = plan,
            Predictor = RandomizedMixture.Of(members, plan.FeatureNames.Count),
            Link = Link.ProbabilityIdentity,
            Trainer = $"ExponentiatedGradient({trainer.Name})",
            Randomization = new RandomizedDecision(options.Seed),
        };
        return new ExponentiatedGradientResult(model, run.Weights, run.BestIteration, run.BestGap, run.LastIteration, run.OracleCalls,
            run.ConstantOracleCalls, run.Nu, run.Gaps, solved.Errors, solved.Constraints.Names, solved.Gamma, solved.Error);
    }

    internal sealed record Solution<T>(ExponentiatedGradientRun<T> Run, UtilityParity Constraints, double[] Gamma, double Error, double[] Errors);

    /// <summary>The loop over any cost-sensitive learner, with the mixture's γ and error on the training rows.</summary>
    internal static Solution<T> Solve<T>(SensitiveGroups groups, ExponentiatedGradientOptions options,
        Func<int[], double[], Hypothesis<T>> oracle, Func<int, Hypothesis<T>> constant,
        Action<int, double, (double Nu, int Classifiers, int OracleCalls)>? progress = null, CancellationToken cancellation = default)
    {
        var constraints = new UtilityParity(options.Constraint, options.DifferenceBound, groups.Labels, groups.Codes, groups.Names);
        var run = ExponentiatedGradientSolver.Run(groups.Labels, constraints, options.Eps, options.MaxIterations, options.Nu, options.Eta0,
            options.LinearProgramStep, oracle, constant,
            progress is null ? null : (t, gap, nu, classifiers, calls) => progress(t, gap, (nu, classifiers, calls)),
            cancellation);
        var mixture = new double[groups.Count];
        for (var k = 0; k < run.Hypotheses.Count; k++)
            for (var i = 0; i < mixture.Length; i++) mixture[i] += run.Weights[k] * run.Hypotheses[k].Predictions[i];
        double error = 0;
        for (var i = 0; i < mixture.Length; i++) error += Math.Abs(groups.Labels[i] - mixture[i]);
        var errors = run.Hypotheses.Select(h => h.Predictions.Select((p, i) => (double)Math.Abs(p - groups.Labels[i])).Average()).ToArray();
        return new Solution<T>(run, constraints, constraints.Gamma(mixture), error / mixture.Length, errors);
    }
}
