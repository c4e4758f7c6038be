using System.Globalization;
using Keel.Learn.Evaluation;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// Decides whether to retrain: each trigger of the policy (schedule, drift, performance) fires or not, each limit
/// (retrains per day, new labelled rows, rows to hold out, a challenger awaiting approval) blocks or not, each with a
/// sentence for the audit log. Pure: the time is an argument.
/// </summary>
/// <example>
/// <code>
/// var policy = RetrainingPolicy.Parse("triggers:\n  drift: { max_drift_share: 0.3 }\n");
/// var state = new RetrainingState { ChampionRegisteredAt = registered, DriftShare = 0.5, DriftColumns = 10, NewLabelledRows = 3000, LabelledRows = 6000 };
/// var decision = RetrainingTriggers.Evaluate(policy, state, now);
/// // decision.Retrain == true; decision.Triggers[0].Reason:
/// // "50% of the 10 input columns drifted on recent traffic; the policy retrains above 30%."
/// </code>
/// </example>
public static class RetrainingTriggers
{
    public static RetrainingDecision Evaluate(RetrainingPolicy policy, RetrainingState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(state);
        var triggers = new List<RetrainingCheck>();
        if (policy.Schedule is { } schedule)
        {
            var age = now - state.ChampionRegisteredAt;
            triggers.Add(new RetrainingCheck("schedule", age > schedule,
                $"The champion is {Describe(age)} old; the policy retrains after {Describe(schedule)}."));
        }
        if (policy.MaxDriftShare is { } maxShare)
            triggers.Add(Drift(maxShare, state));
        if (policy.Performance is { } performance)
            triggers.Add(Performance(performance, state));

        var limits = new List<RetrainingCheck>();
        var dayAgo = now - TimeSpan.FromDays(1);
        var lastDay = state.Retrains.Count(t => t > dayAgo && t <= now);
        limits.Add(new RetrainingCheck("max_retrains_per_day", lastDay >= policy.MaxRetrainsPerDay,
            $"{lastDay} retraining{(lastDay == 1 ? "" : "s")} in the last 24 hours; the policy allows {policy.MaxRetrainsPerDay}."));
        limits.Add(new RetrainingCheck("min_new_labelled_rows", state.NewLabelledRows < policy.MinNewLabelledRows,
            string.Create(CultureInfo.InvariantCulture, $"{state.NewLabelledRows:N0} labelled rows arrived since the champion was registered; the policy needs {policy.MinNewLabelledRows:N0}.")));
        var needed = policy.Challenger.EvaluationRows + MinTrainingRows;
        limits.Add(new RetrainingCheck("labelled_rows", state.LabelledRows < needed,
            string.Create(CultureInfo.InvariantCulture, $"{state.LabelledRows:N0} labelled rows are available; holding out {policy.Challenger.EvaluationRows:N0} for the comparison and training on at least {MinTrainingRows} needs {needed:N0}.")));
        limits.Add(new RetrainingCheck("pending_approval", state.PendingVersion is not null,
            state.PendingVersion is { } pending
                ? $"Version {pending} still awaits a deployer's approval; approve or reject it first."
                : "No challenger awaits approval."));
        return new RetrainingDecision(triggers, limits);
    }

    /// <summary>The fewest labelled rows a challenger is trained on.</summary>
    public const int MinTrainingRows = 100;

    private static RetrainingCheck Drift(double maxShare, RetrainingState state)
    {
        if (state.DriftShare is { } share)
        {
            var fired = share > maxShare || state.DriftAlert is not null;
            var measured = string.Create(CultureInfo.InvariantCulture, $"{share:P0} of the {state.DriftColumns} input columns drifted on recent traffic; the policy retrains above {maxShare:P0}.");
            return new RetrainingCheck("drift", fired, state.DriftAlert is null ? measured : $"{measured} Monitoring raised a drift alert: {state.DriftAlert}");
        }
        return state.DriftAlert is not null
            ? new RetrainingCheck("drift", true, $"Monitoring raised a drift alert: {state.DriftAlert}")
            : new RetrainingCheck("drift", false, "Drift was not measured: there is no recent traffic.");
    }

    private static RetrainingCheck Performance(PerformanceTrigger trigger, RetrainingState state)
    {
        var metric = state.PerformanceMetric ?? trigger.Metric ?? "the metric";
        if (state.RecentPerformance is not { } recent || state.RegisteredPerformance is not { } registered)
            return new RetrainingCheck("performance", false, $"The champion's {metric} could not be compared: {state.PerformanceUnavailable ?? "it was not measured"}.");
        var drop = MetricNames.HigherIsBetter(metric) ? registered - recent : recent - registered;
        var how = state.PerformanceEstimated ? "estimated by CBPE" : "measured on labels";
        return new RetrainingCheck("performance", drop > trigger.MaxDrop, string.Create(CultureInfo.InvariantCulture,
            $"The champion's {metric} is {recent:0.0000} on {state.PerformanceRows:N0} recent rows ({how}), against {registered:0.0000} registered: {(drop >= 0 ? "worse" : "better")} by {Math.Abs(drop):0.0000}; the policy retrains when it is worse by more than {trigger.MaxDrop:0.####}."));
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? Units(span.TotalDays, "day")
        : span.TotalHours >= 1 ? Units(span.TotalHours, "hour")
        : Units(Math.Round(Math.Max(0, span.TotalMinutes)), "minute");

    private static string Units(double amount, string unit)
    {
        var text = amount.ToString("0.#", CultureInfo.InvariantCulture);
        return $"{text} {unit}{(text == "1" ? "" : "s")}";
    }
}
