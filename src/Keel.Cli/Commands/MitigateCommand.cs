using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Fairness.Mitigation;
using Keel.Learn;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel mitigate</c>: train a baseline and a fairness-mitigated model on the same split (reweighing, exponentiated
/// gradient or the threshold optimizer), compare them on held-out rows, and write the mitigated bundle.
/// </summary>
internal static class MitigateCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var method = new Option<string>("--method") { Description = "reweighing (pre-processing: row weights), expgrad (in-processing: the exponentiated-gradient reduction) or threshold (post-processing: per-group randomized thresholds).", Required = true };
        var label = new Option<string>("--label", "-l") { Description = "The binary label: its name, its 1-based position, or \"last\".", Required = true };
        var positive = new Option<string?>("--positive") { Description = "The positive (favourable) class. [default: the second class in sorted order, e.g. >50K of <=50K/>50K]" };
        var constraint = new Option<string?>("--constraint") { Description = "demographic_parity, equalized_odds or equal_opportunity (expgrad and threshold). [default: demographic_parity; reweighing always equalizes the label rates]" };
        var trainer = new Option<string>("--trainer") { Description = "The trainer of the baseline and of the mitigated model: lightgbm, fasttree, fastforest or linear.", DefaultValueFactory = _ => "lightgbm" };
        var eps = new Option<double>("--eps") { Description = "expgrad: the allowed constraint violation (Fairlearn's difference bound) and 1/B, the bound on the multipliers.", DefaultValueFactory = _ => 0.01 };
        var maxIter = new Option<int>("--max-iter") { Description = "expgrad: the most iterations.", DefaultValueFactory = _ => 50 };
        var test = new Option<string?>("--test") { Description = "A labelled file to compare the models on, read like --data. [default: a stratified --test-fraction of --data]" };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of --data held out (stratified) for the comparison when there is no --test.", DefaultValueFactory = _ => 0.2 };
        var model = new Option<string?>("--model", "-m") { Description = "threshold: post-process this existing bundle instead of training a baseline." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the mitigated bundle.", DefaultValueFactory = _ => "mitigated.keel" };
        var name = new Option<string?>("--name") { Description = "The mitigated model's name in its manifest. [default: the bundle's file name]" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the trainers and the randomized decisions.", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Threads LightGBM may use.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };

        var command = new Command("mitigate", "Reduce a model's unfairness between the groups of a sensitive column, and show accuracy and fairness before and after.");
        read.AddTo(command);
        foreach (var o in new Option[] { method, label, positive, constraint, trainer, eps, maxIter, test, testFraction, model, output, name, seed, threads, json })
            command.Options.Add(o);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var request = new MitigationRequest
                {
                    Method = ParseMethod(result.GetRequiredValue(method)),
                    Label = result.GetRequiredValue(label),
                    Positive = result.GetValue(positive),
                    Sensitive = result.GetValue(read.Sensitive) ?? [],
                    Constraint = result.GetValue(constraint),
                    Trainer = result.GetRequiredValue(trainer),
                    Eps = result.GetValue(eps),
                    MaxIterations = result.GetValue(maxIter),
                    TestPath = result.GetValue(test),
                    TestFraction = result.GetValue(testFraction),
                    ModelPath = result.GetValue(model),
                    OutPath = result.GetRequiredValue(output),
                    Name = result.GetValue(name),
                    Seed = result.GetValue(seed),
                    Threads = result.GetValue(threads),
                    DataPath = result.GetRequiredValue(read.Data),
                };
                request.Validate();
                TrainingRunner.RequireFolder(request.OutPath, "--out");
                var table = read.Read(result, console, ct);
                var testTable = request.TestPath is null ? null : read.ReadTest(result, console, request.TestPath, ct);
                MitigationRunner.Run(console, request, table, testTable, ct);
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static MitigationMethod ParseMethod(string text) => text.Trim().ToLowerInvariant() switch
    {
        "reweighing" => MitigationMethod.Reweighing,
        "expgrad" or "exponentiated_gradient" or "exponentiated-gradient" => MitigationMethod.ExponentiatedGradient,
        "threshold" or "threshold_optimizer" or "threshold-optimizer" => MitigationMethod.ThresholdOptimizer,
        _ => throw new KeelDataException($"--method \"{text}\" is not one of reweighing, expgrad, threshold."),
    };
}
