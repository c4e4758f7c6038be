using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Training;
using Keel.Lifecycle.Promotion;
using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// One retraining cycle of a model: reads its champion and the champion's training recipe, gathers recent traffic
/// (given, or the prediction log joined with feedback), decides with the policy's triggers and limits, and when it
/// retrains: trains a challenger with the recipe on the policy's window, registers it (parent = the champion) as
/// <c>challenger</c>, compares it with the champion on the held-out most recent labelled rows, and then promotes it
/// through the promotion gate (automatic approval) or records a pending promotion for a deployer (human approval).
/// Every step is in the store's audit log with its reasons: the version and alias moves, the comparison and the
/// pending promotion as version tags, and the cycle's record (<see cref="LifecycleTags.LastCycle"/>) as a model tag.
/// </summary>
/// <example>
/// <code>
/// using var store = KeelStore.Open("sqlite:keel.db", new Actor("retrainer", Role.Deployer));
/// var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { RecentData = recent }, TimeProvider.System);
/// Console.WriteLine(result.Summary);
/// // "Drift fired: 60% of the 19 input columns drifted on recent traffic; ... Version 4 beat the champion ... and was promoted."
/// </code>
/// </example>
public static class RetrainingCycle
{
    public static RetrainingCycleResult Run(IKeelStore store, string model, RetrainingCycleInputs inputs, TimeProvider clock,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var policy = inputs.Policy ?? RetrainingPolicies.Require(store, model);
        var registered = store.GetModel(model);
        if (!registered.Aliases.TryGetValue("champion", out var championNumber))
            throw new KeelDataException($"Model '{model}' has no champion, so there is nothing to retrain against; promote a version first (`keel models promote {model} VERSION`).");
        var champion = store.GetVersion(model, championNumber);
        var bundle = ModelBundle.Load(store.GetBundle(champion), $"{model} version {champion.Version}");
        var recipe = Recipe(bundle, model, champion.Version);

        progress?.Report($"Champion: {model}@{champion.Version} ({bundle.Manifest.Trainer}).");
        var traffic = inputs.RecentData is { } recent
            ? RecentTraffic.FromTable(recent, recipe.Label, inputs.RecentDataName)
            : RecentTraffic.FromLog(store, model, recipe, champion.CreatedAt);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"Recent traffic: {traffic.Rows.RowCount:N0} rows from {traffic.Name}, {traffic.Labelled.RowCount:N0} labelled ({traffic.NewLabelled:N0} new)."));
        var state = RetrainingStateReader.Read(store, policy, champion, bundle, traffic);
        var decision = RetrainingTriggers.Evaluate(policy, state, now);
        foreach (var t in decision.Triggers) progress?.Report($"Trigger {t.Name}: {(t.Hit ? "fired" : "quiet")}. {t.Reason}");
        foreach (var l in decision.Blocking) progress?.Report($"Limit {l.Name} blocks: {l.Reason}");

        var result = new RetrainingCycleResult
        {
            Model = model, At = now, ChampionVersion = champion.Version, Decision = decision,
            Action = decision.Fired.Any() ? CycleAction.Blocked : CycleAction.NothingFired, Summary = decision.Summary,
        };
        if (!decision.Retrain) return Record(store, result);

        var window = TrainingWindow.Build(policy, traffic.Labelled, inputs.OriginalData is { } o ? recipe.Prepare(o, bundle.Manifest.Inputs.Select(i => i.Name), inputs.OriginalDataName) : null, inputs.OriginalDataName);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"Training a challenger with the recipe of {model}@{champion.Version} ({recipe.Trainer}, seed {recipe.Seed}) on {window.Training.RowCount:N0} rows: {window.Description}."));
        var training = recipe.Prepare(window.Training, bundle.Manifest.Inputs.Select(i => i.Name), $"the training window of {model}");
        var parent = $"{model}@{champion.Version}";
        var outcome = TrainingJob.Run(training, recipe.JobOptions(model, $"lifecycle window of {traffic.Name}", parent), cancellationToken: cancellationToken);
        var challenger = Register(store, model, outcome.Bundle, parent, decision, now);
        var metrics = outcome.Bundle.Evaluation?.Metrics.ToDictionary(m => m.Name, m => m.Value) ?? [];
        result = result with { Window = window.Description, TrainingRows = window.Training.RowCount, ChallengerVersion = challenger, ChallengerMetrics = metrics };
        Promoter.Promote(store, new PromotionRequest(model, challenger, "challenger") { Data = window.Evaluation, DataName = "the held-out recent rows" });
        progress?.Report($"Registered {model}@{challenger} as challenger.");

        var comparison = ChallengerComparison.Compare(bundle.Model, outcome.Bundle.Model, window.Evaluation, policy.Challenger);
        store.SetVersionTag(model, challenger, LifecycleTags.Comparison, JsonSerializer.Serialize(comparison, KeelJson.Compact));
        progress?.Report(comparison.Reason);
        result = result with { Comparison = comparison };
        var fired = "Retrained (" + string.Join(", ", decision.Fired.Select(t => t.Name)) + "): " + string.Join(" ", decision.Fired.Select(t => t.Reason)) + " ";
        if (!comparison.Promote)
            return Record(store, result with { Action = CycleAction.KeptChampion, Summary = fired + $"Version {challenger} stays the challenger: {comparison.Reason}" });

        if (policy.Challenger.Approval == ApprovalMode.Human)
            return Record(store, Pending(store, result, fired + $"Version {challenger} beat the champion and awaits a deployer's approval (`keel lifecycle approve --model {model} --version {challenger}`): {comparison.Reason}", now));
        try
        {
            var promoted = Promoter.Promote(store, new PromotionRequest(model, challenger) { Data = window.Evaluation, DataName = "the held-out recent rows" });
            return Record(store, result with
            {
                Action = CycleAction.Promoted, Gate = promoted.Decision,
                Summary = fired + $"Version {challenger} beat the champion and was promoted to champion{(promoted.Decision is null ? "" : " through the promotion gate")}: {comparison.Reason}",
            });
        }
        catch (KeelStoreException e) when (e.GateRefused)
        {
            return Record(store, result with { Action = CycleAction.GateRefused, Summary = fired + $"Version {challenger} beat the champion but the promotion gate refused it, so it stays the challenger: {e.Message}" });
        }
        catch (KeelStoreException e) when (e.Forbidden)
        {
            return Record(store, Pending(store, result, fired + $"Version {challenger} beat the champion, but {store.Actor.Name} may not promote it ({e.Message}); it awaits a deployer's approval.", now));
        }
    }

    private static TrainingRecipe Recipe(ModelBundle bundle, string model, int version)
    {
        if (bundle.Recipe is not { } recipe)
            throw new KeelDataException($"{model}@{version} has no training recipe (it was trained before recipes were saved in bundles, or imported), so the lifecycle cannot retrain it; train and register a new version with keel train first.");
        if (recipe.NotRetrainable is { } why)
            throw new KeelDataException($"{model}@{version} cannot be retrained from its recipe: {why}.");
        return recipe;
    }

    private static int Register(IKeelStore store, string model, ModelBundle bundle, string parent, RetrainingDecision decision, DateTimeOffset now)
    {
        using var bytes = new MemoryStream();
        bundle.Write(bytes);
        var run = store.StartRun(model, "lifecycle retrain");
        store.LogBatch(run.Id,
            parameters: new Dictionary<string, string> { ["parent"] = parent, ["triggers"] = string.Join(", ", decision.Fired.Select(t => t.Name)) },
            metrics: bundle.Manifest.Metrics.Select(m => new MetricPoint(m.Name, m.Value)).ToList());
        var version = BundleRegistration.Register(store, model, bytes.ToArray(), bundle.Manifest, run.Id, parent).Version;
        store.EndRun(run.Id);
        store.SetVersionTag(model, version, LifecycleTags.RetrainedAt, now.ToString("O", CultureInfo.InvariantCulture));
        return version;
    }

    private static RetrainingCycleResult Pending(IKeelStore store, RetrainingCycleResult result, string summary, DateTimeOffset now)
    {
        store.SetVersionTag(result.Model, result.ChallengerVersion!.Value, LifecycleTags.Pending, JsonSerializer.Serialize(new
        {
            requested_at = now.ToString("O", CultureInfo.InvariantCulture),
            champion = result.ChampionVersion,
            reason = result.Comparison!.Reason,
        }, KeelJson.Compact));
        return result with { Action = CycleAction.AwaitingApproval, Summary = summary };
    }

    /// <summary>Records the cycle as the model's <see cref="LifecycleTags.LastCycle"/> tag; the store audits it with its value.</summary>
    private static RetrainingCycleResult Record(IKeelStore store, RetrainingCycleResult result)
    {
        store.SetModelTag(result.Model, LifecycleTags.LastCycle, JsonSerializer.Serialize(CycleRecord.From(result), KeelJson.Compact));
        return result;
    }
}
