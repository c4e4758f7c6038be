using System.Globalization;
using System.Text.RegularExpressions;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Evaluation;
using YamlDotNet.RepresentationModel;

namespace Keel.Lifecycle.Retraining;

/// <summary>Reads <see cref="RetrainingPolicy"/> YAML, collecting every problem with its line and column before failing once.</summary>
internal sealed partial class RetrainingPolicyReader
{
    private static readonly string[] KnownMetrics =
    [
        MetricNames.Accuracy, MetricNames.Precision, MetricNames.Recall, MetricNames.F1, MetricNames.RocAuc, MetricNames.AveragePrecision,
        MetricNames.LogLoss, MetricNames.Brier, MetricNames.F1Macro, MetricNames.F1Micro, MetricNames.F1Weighted,
        MetricNames.Rmse, MetricNames.Mae, MetricNames.R2, MetricNames.Mape,
    ];

    private readonly List<string> _problems = [];

    public static RetrainingPolicy Read(string text, string source)
    {
        var reader = new RetrainingPolicyReader();
        var root = YamlMappingText.Load(text, source, "a retraining policy is a YAML mapping with any of: triggers, data, limits, challenger.");
        var policy = reader.Policy(root) with { Text = text };
        if (!policy.HasTriggers && reader._problems.Count == 0)
            reader._problems.Add("the policy has no trigger; give at least one of triggers.schedule, triggers.drift or triggers.performance.");
        if (reader._problems.Count > 0)
            throw new KeelDataException($"{source} is not a valid retraining policy: " + string.Join(" ", reader._problems));
        return policy;
    }

    private void Problem(YamlNode node, string message) => _problems.Add($"line {node.Start.Line}, column {node.Start.Column}: {message}");

    private RetrainingPolicy Policy(YamlMappingNode root)
    {
        var policy = new RetrainingPolicy();
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Scalar(keyNode))
            {
                case "triggers": policy = Section(value, "triggers", policy, Trigger); break;
                case "data": policy = Section(value, "data", policy, Data); break;
                case "limits": policy = Section(value, "limits", policy, Limit); break;
                case "challenger": policy = Section(value, "challenger", policy, Challenger); break;
                default: Problem(keyNode, $"unknown section '{Scalar(keyNode)}'; the sections are triggers, data, limits and challenger."); break;
            }
        }
        return policy;
    }

    private RetrainingPolicy Section(YamlNode node, string section, RetrainingPolicy policy, Func<RetrainingPolicy, string, YamlNode, YamlNode, RetrainingPolicy> read)
    {
        if (node is not YamlMappingNode map)
        {
            Problem(node, $"{section} is a mapping of settings (see docs/lifecycle.md).");
            return policy;
        }
        foreach (var (keyNode, value) in map.Children) policy = read(policy, Scalar(keyNode), keyNode, value);
        return policy;
    }

    private RetrainingPolicy Trigger(RetrainingPolicy policy, string key, YamlNode keyNode, YamlNode value)
    {
        switch (key)
        {
            case "schedule": return policy with { Schedule = Duration(value, "triggers.schedule") };
            case "drift":
                var drift = Settings(value, "triggers.drift", "max_drift_share");
                if (drift.TryGetValue("max_drift_share", out var shareNode) && Number(shareNode, "triggers.drift.max_drift_share") is { } share)
                {
                    if (share is < 0 or > 1) Problem(shareNode, "triggers.drift.max_drift_share is a share of columns, from 0 to 1.");
                    return policy with { MaxDriftShare = share };
                }
                if (value is YamlMappingNode && !drift.ContainsKey("max_drift_share")) Problem(value, "triggers.drift needs max_drift_share (a share of columns from 0 to 1).");
                return policy;
            case "performance": return policy with { Performance = Performance(value) };
            default:
                Problem(keyNode, $"unknown trigger '{key}'; the triggers are schedule, drift and performance.");
                return policy;
        }
    }

    private PerformanceTrigger? Performance(YamlNode node)
    {
        var settings = Settings(node, "triggers.performance", "metric", "max_drop", "estimated", "min_labels");
        if (node is not YamlMappingNode) return null;
        var trigger = new PerformanceTrigger();
        if (settings.TryGetValue("metric", out var metric)) trigger = trigger with { Metric = Metric(metric, "triggers.performance.metric") };
        if (settings.TryGetValue("max_drop", out var drop) && Number(drop, "triggers.performance.max_drop") is { } d)
        {
            if (d < 0) Problem(drop, "triggers.performance.max_drop is the largest drop allowed, 0 or more.");
            trigger = trigger with { MaxDrop = d };
        }
        else if (!settings.ContainsKey("max_drop")) Problem(node, "triggers.performance needs max_drop, the largest drop of the metric allowed (e.g. 0.05).");
        if (settings.TryGetValue("estimated", out var estimated)) trigger = trigger with { Estimated = Boolean(estimated, "triggers.performance.estimated") };
        if (settings.TryGetValue("min_labels", out var min)) trigger = trigger with { MinLabels = Count(min, "triggers.performance.min_labels", 1) ?? trigger.MinLabels };
        return trigger;
    }

    private RetrainingPolicy Data(RetrainingPolicy policy, string key, YamlNode keyNode, YamlNode value)
    {
        switch (key)
        {
            case "window":
                var window = Scalar(value);
                switch (window)
                {
                    case "sliding": return policy with { Window = DataWindowKind.Sliding };
                    case "expanding": return policy with { Window = DataWindowKind.Expanding };
                    case "original_plus_recent": return policy with { Window = DataWindowKind.OriginalPlusRecent };
                    default:
                        Problem(value, $"data.window is sliding, expanding or original_plus_recent, not '{window}'.");
                        return policy;
                }
            case "recent_rows": return policy with { RecentRows = Count(value, "data.recent_rows", 1) ?? policy.RecentRows };
            case "recent_weight": return policy with { RecentWeight = Count(value, "data.recent_weight", 1) ?? policy.RecentWeight };
            default:
                Problem(keyNode, $"unknown data setting '{key}'; the settings are window, recent_rows and recent_weight.");
                return policy;
        }
    }

    private RetrainingPolicy Limit(RetrainingPolicy policy, string key, YamlNode keyNode, YamlNode value)
    {
        switch (key)
        {
            case "max_retrains_per_day": return policy with { MaxRetrainsPerDay = Count(value, "limits.max_retrains_per_day", 1) ?? policy.MaxRetrainsPerDay };
            case "min_new_labelled_rows": return policy with { MinNewLabelledRows = Count(value, "limits.min_new_labelled_rows", 0) ?? policy.MinNewLabelledRows };
            default:
                Problem(keyNode, $"unknown limit '{key}'; the limits are max_retrains_per_day and min_new_labelled_rows.");
                return policy;
        }
    }

    private RetrainingPolicy Challenger(RetrainingPolicy policy, string key, YamlNode keyNode, YamlNode value)
    {
        var c = policy.Challenger;
        switch (key)
        {
            case "metric": c = c with { Metric = Metric(value, "challenger.metric") }; break;
            case "margin":
                if (Number(value, "challenger.margin") is { } margin)
                {
                    if (margin < 0) Problem(value, "challenger.margin is how much better the challenger must be, 0 or more.");
                    c = c with { Margin = margin };
                }
                break;
            case "evaluation_rows": c = c with { EvaluationRows = Count(value, "challenger.evaluation_rows", 20) ?? c.EvaluationRows }; break;
            case "resamples": c = c with { Resamples = Count(value, "challenger.resamples", 100) ?? c.Resamples }; break;
            case "seed": c = c with { Seed = Count(value, "challenger.seed", 0) ?? c.Seed }; break;
            case "approval":
                var approval = Scalar(value);
                if (approval == "automatic") c = c with { Approval = ApprovalMode.Automatic };
                else if (approval == "human") c = c with { Approval = ApprovalMode.Human };
                else Problem(value, $"challenger.approval is automatic or human, not '{approval}'.");
                break;
            default:
                Problem(keyNode, $"unknown challenger setting '{key}'; the settings are metric, margin, evaluation_rows, approval, resamples and seed.");
                break;
        }
        return policy with { Challenger = c };
    }

    /// <summary>The settings of a flow mapping such as <c>{ max_drop: 0.05 }</c>, refusing names not in <paramref name="allowed"/>.</summary>
    private Dictionary<string, YamlNode> Settings(YamlNode node, string where, params string[] allowed)
    {
        var settings = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            Problem(node, $"{where} is a mapping with any of {string.Join(", ", allowed)}.");
            return settings;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Scalar(keyNode);
            if (allowed.Contains(key)) settings[key] = value;
            else Problem(keyNode, $"{where} takes {string.Join(", ", allowed)}, not '{key}'.");
        }
        return settings;
    }

    private TimeSpan? Duration(YamlNode node, string where)
    {
        var text = Scalar(node);
        var match = DurationPattern().Match(text);
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            return match.Groups[2].Value switch
            {
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            };
        Problem(node, $"{where} is a duration such as 30m, 12h, 7d or 2w, not '{text}'.");
        return null;
    }

    private string? Metric(YamlNode node, string where)
    {
        var name = Scalar(node);
        if (KnownMetrics.Contains(name)) return name;
        Problem(node, $"{where}: '{name}' is not one of Keel's metrics; use one of {string.Join(", ", KnownMetrics)}.");
        return null;
    }

    private int? Count(YamlNode node, string where, int min)
    {
        if (node is YamlScalarNode s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min) return v;
        Problem(node, $"{where} must be a whole number of at least {min}, not '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");
        return null;
    }

    private double? Number(YamlNode node, string where)
    {
        if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Problem(node, $"{where} must be a number, not '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");
        return null;
    }

    private bool Boolean(YamlNode node, string where)
    {
        var text = Scalar(node);
        if (text is "true" or "false") return text == "true";
        Problem(node, $"{where} is true or false, not '{text}'.");
        return false;
    }

    private string Scalar(YamlNode node)
    {
        if (node is YamlScalarNode s) return s.Value ?? "";
        Problem(node, "expected a single value here.");
        return "";
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([mhdw])\s*$")]
    private static partial Regex DurationPattern();
}
