using Keel.Learn.Training;

namespace Keel.Cli.Demo;

/// <summary>A retrained challenger: the model, the calls it learned from, and the recent calls it held out.</summary>
internal sealed record Challenger(DemoModel Model, int From, int To, Keel.Data.Table Test);

/// <summary>
/// Stage 6, retrain the challenger: the champion's recipe (its trainer, parameters, split and seed) re-run on a
/// sliding window of the most recent labelled calls, registered with the champion as its parent, under the alias
/// <c>challenger</c>. The recipe holds out a share of the window; both models are compared on those calls.
/// </summary>
internal static class ChallengerTraining
{
    public static Challenger Run(DemoContext demo, DemoModel champion, int from, int to)
    {
        var recipe = champion.Bundle.Recipe ?? throw new DemoFailedException($"{champion.Lineage} has no training recipe to re-run.");
        var data = recipe.Prepare(demo.Calls.Table.Take(BankCalls.Range(from, to)), champion.Bundle.Manifest.Inputs.Select(i => i.Name), "the recent labelled calls");
        var job = recipe.JobOptions(DemoRegistry.Model, $"bank_marketing.csv rows {from + 2}–{to + 1}", champion.Lineage);
        var outcome = TrainingJob.Run(data, job, cancellationToken: demo.Cancel);
        var registered = demo.Store.ListVersions(DemoRegistry.Model).Count + 1;
        var path = Path.Combine(demo.ModelsFolder, $"bank-{registered}.keel");
        var saved = outcome.Bundle.Save(path);
        var version = DemoRegistry.Register(demo.Store, saved, path, "challenger");
        demo.Store.SetAlias(DemoRegistry.Model, "challenger", version.Version);
        return new Challenger(new DemoModel(version.Version, saved, path), from, to, outcome.Test);
    }
}
