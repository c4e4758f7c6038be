namespace Keel.Cli.Demo;

/// <summary>
/// How <c>keel demo</c> replays the Bank Marketing calls. Every option has its default written down;
/// <see cref="Problems"/> lists every problem at once.
/// </summary>
internal sealed record DemoOptions
{
    /// <summary>The folder the store, the bundles, the report and the summary go into. The default value is keel-demo.</summary>
    public string Out { get; init; } = "keel-demo";

    /// <summary>The seed of the split, the trainer and the bootstrap. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Replay only the calls from May 2009 on (about 9,000 instead of 25,000). The default value is false.</summary>
    public bool Fast { get; init; }

    /// <summary>The first calls, in time order, the champion learns from (May to August 2008). The default value is 20,000.</summary>
    public int TrainingRows { get; init; } = 20_000;

    /// <summary>The first call replayed as traffic. The default value is the end of the training rows, or row 36,000 (May 2009) when fast.</summary>
    public int TrafficStart => Fast ? 36_000 : TrainingRows;

    /// <summary>Calls per batch of traffic (one monitoring window). The default value is 250.</summary>
    public int BatchRows { get; init; } = 250;

    /// <summary>Calls per inference request. The default value is 100.</summary>
    public int RequestRows { get; init; } = 100;

    /// <summary>How many batches later a batch's outcomes arrive as feedback. The default value is 2 (500 calls).</summary>
    public int LabelDelayBatches { get; init; } = 2;

    /// <summary>Labelled windows in a row whose realized performance must leave the reference band before a retraining. The default value is 2.</summary>
    public int AlertStreak { get; init; } = 2;

    /// <summary>The most recent labelled calls a challenger learns from (a sliding window). The default value is 2,000.</summary>
    public int RetrainWindowRows { get; init; } = 2_000;

    /// <summary>Batches to wait after a retraining before the next one. The default value is 4 (1,000 calls).</summary>
    public int CooldownBatches { get; init; } = 4;

    /// <summary>Bootstrap resamples of the champion–challenger comparison. The default value is 1,000.</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>What one call costs (an assumption of the demo, in any currency). The default value is 5.</summary>
    public double CallCost { get; init; } = 5;

    /// <summary>What one subscription earns (an assumption of the demo). The default value is 50.</summary>
    public double SubscriptionValue { get; init; } = 50;

    /// <summary>
    /// The business KPI these assumptions make, per decision to call: a call that brings a subscription is worth the
    /// subscription less the call, a call that does not costs the call, a customer not called is worth 0 either way.
    /// </summary>
    public Keel.Learn.Decisions.DecisionValue Value() =>
        Keel.Learn.Decisions.DecisionValue.Of(tp: SubscriptionValue - CallCost, fp: -CallCost, fn: 0, tn: 0, name: "profit");

    public string? Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Out)) problems.Add("--out must name a folder.");
        if (TrainingRows < 1000) problems.Add($"TrainingRows must be at least 1000; it is {TrainingRows}.");
        if (BatchRows < 50) problems.Add($"BatchRows must be at least 50; it is {BatchRows}.");
        if (RequestRows < 1 || RequestRows > BatchRows) problems.Add($"RequestRows must be 1 to BatchRows ({BatchRows}); it is {RequestRows}.");
        if (LabelDelayBatches < 1) problems.Add($"LabelDelayBatches must be at least 1; it is {LabelDelayBatches}.");
        if (AlertStreak < 1) problems.Add($"AlertStreak must be at least 1; it is {AlertStreak}.");
        if (RetrainWindowRows < 200) problems.Add($"RetrainWindowRows must be at least 200; it is {RetrainWindowRows}.");
        if (Resamples < 100) problems.Add($"Resamples must be at least 100; it is {Resamples}.");
        if (CallCost <= 0 || SubscriptionValue <= CallCost) problems.Add($"The call cost ({CallCost}) must be above 0 and below the value of a subscription ({SubscriptionValue}).");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}
