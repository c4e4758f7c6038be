using Keel.Learn.Bundles;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Keel.Learn.Training;
using Keel.Lifecycle.Promotion;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>A served model version and its bundle.</summary>
internal sealed record DemoModel(int Version, ModelBundle Bundle, string Path)
{
    public string Lineage => $"{DemoRegistry.Model}@{Version}";
}

/// <summary>
/// Stage 1, train the champion: LightGBM with a fixed seed on the first calls (2008), registered in the demo's store,
/// guarded by a promotion policy (a minimum ROC AUC), and moved to <c>champion</c> through the gate. The business KPI
/// is part of the job: the decision threshold is the one that maximises the expected profit on out-of-fold scores of
/// the training calls, and the recipe records it, so every challenger retrained from it chooses its own.
/// </summary>
internal static class ChampionTraining
{
    /// <summary>The policy that guards <c>champion</c>: a version below it is refused.</summary>
    public const string Policy = """
        # keel demo: what a version must show before it serves as champion
        metrics:
          roc_auc: { min: 0.55 }
        """;

    public static DemoModel Run(DemoContext demo)
    {
        var o = demo.Options;
        var rows = BankCalls.Range(0, o.TrainingRows);
        var job = new TrainingJobOptions
        {
            Label = BankCalls.Label,
            PositiveClass = BankCalls.Positive,
            Seed = o.Seed,
            Trainer = new LightGbmTrainer(),
            Selection = new SelectionOptions { Seed = o.Seed, Threads = 2 },
            Name = DemoRegistry.Model,
            Value = o.Value(),
            Source = "bank_marketing.csv",
            Reading = new DataReading { Separator = ';', Roles = new Dictionary<string, Keel.Data.ColumnRole> { [BankCalls.Duration] = Keel.Data.ColumnRole.Ignore } },
        };
        var outcome = TrainingJob.Run(demo.Calls.Table.Take(rows), job, cancellationToken: demo.Cancel);
        Directory.CreateDirectory(demo.ModelsFolder);
        var path = System.IO.Path.Combine(demo.ModelsFolder, "bank-1.keel");
        var saved = outcome.Bundle.Save(path);
        var version = DemoRegistry.Register(demo.Store, saved, path, "champion");
        demo.Store.SetPromotionPolicy(DemoRegistry.Model, Policy, ["champion"]);
        var promoted = Promoter.Promote(demo.Store, new PromotionRequest(DemoRegistry.Model, version.Version));
        if (!promoted.Moved) throw new DemoFailedException("the first champion did not take the champion alias.");
        return new DemoModel(version.Version, saved, path);
    }
}
