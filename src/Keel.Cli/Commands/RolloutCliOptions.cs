using System.CommandLine;
using Keel.Data;
using Keel.Serving;
using Keel.Serving.Rollout;

namespace Keel.Cli.Commands;

/// <summary>The options of <c>keel serve</c> that start a shadow or canary rollout, and their reading into <see cref="RolloutOptions"/>.</summary>
internal sealed class RolloutCliOptions
{
    private static readonly RolloutOptions Defaults = new() { Mode = RolloutMode.Shadow, Challenger = new ModelSpec("m", "challenger") };

    private readonly Option<string?> _shadow = new("--shadow") { Description = "A challenger that scores every request after the champion answered it; its outputs go to the prediction log as shadow, never to the client. NAME@ALIAS or NAME@VERSION of a served model, e.g. churn@challenger." };
    private readonly Option<string?> _canary = new("--canary") { Description = "A challenger that answers a share of requests (--canary-share) until the rollback rule fires, e.g. churn@challenger." };
    private readonly Option<double> _share = new("--canary-share") { Description = $"The share of requests the canary answers, above 0 and below 1. [default: {Defaults.CanaryShare}]", DefaultValueFactory = _ => Defaults.CanaryShare };
    private readonly Option<string?> _key = new("--canary-key") { Description = "Keep each client on one side of the canary: a request header of this name, else the first value of an input of this name (a stable hash decides). [default: none; requests are spread by order]" };
    private readonly Option<double> _errorRate = new("--rollback-error-rate") { Description = $"Roll the canary back when its error rate exceeds the champion's by more than this. [default: {Defaults.RollbackErrorRate}]", DefaultValueFactory = _ => Defaults.RollbackErrorRate };
    private readonly Option<double> _latencyRatio = new("--rollback-latency-ratio") { Description = $"Roll the canary back when its p95 latency is more than this many times the champion's (and at least 1 ms more). [default: {Defaults.RollbackLatencyRatio}]", DefaultValueFactory = _ => Defaults.RollbackLatencyRatio };
    private readonly Option<int> _minRequests = new("--rollback-min-requests") { Description = $"No rollback decision before the canary has answered this many requests. [default: {Defaults.RollbackMinRequests}]", DefaultValueFactory = _ => Defaults.RollbackMinRequests };
    private readonly Option<double> _metricDrop = new("--rollback-metric-drop") { Description = $"Roll the canary back when, on requests whose labels arrived as feedback, its accuracy is below the champion's by more than this. [default: {Defaults.RollbackMetricDrop}]", DefaultValueFactory = _ => Defaults.RollbackMetricDrop };
    private readonly Option<int> _minLabels = new("--rollback-min-labels") { Description = $"No decision on accuracy before each side has this many labelled rows. [default: {Defaults.RollbackMinLabels}]", DefaultValueFactory = _ => Defaults.RollbackMinLabels };
    private readonly Option<int> _shadowQueue = new("--shadow-queue") { Description = $"Shadow requests waiting to be scored; beyond it they are dropped and counted, so answers never wait. [default: {Defaults.ShadowQueueCapacity}]", DefaultValueFactory = _ => Defaults.ShadowQueueCapacity };
    private readonly Option<int> _labelWindow = new("--rollout-label-window") { Description = $"Recent rollout requests kept to score labels that arrive later as feedback. [default: {Defaults.LabelWindow}]", DefaultValueFactory = _ => Defaults.LabelWindow };

    public IEnumerable<Option> All => [_shadow, _canary, _share, _key, _errorRate, _latencyRatio, _minRequests, _metricDrop, _minLabels, _shadowQueue, _labelWindow];

    /// <summary>The rollout asked for, or null; options that need a mode they were not given are refused together.</summary>
    public RolloutOptions? Read(ParseResult result)
    {
        var shadow = result.GetValue(_shadow);
        var canary = result.GetValue(_canary);
        var problems = new List<string>();
        if (shadow is not null && canary is not null) problems.Add("Give --shadow or --canary, not both: one challenger per server.");
        if (canary is null)
            foreach (var option in new Option[] { _share, _key, _errorRate, _latencyRatio, _minRequests, _metricDrop, _minLabels })
                if (result.GetResult(option) is { Implicit: false }) problems.Add($"{option.Name} applies to a canary; add --canary NAME@ALIAS.");
        if (shadow is null && result.GetResult(_shadowQueue) is { Implicit: false }) problems.Add("--shadow-queue applies to a shadow; add --shadow NAME@ALIAS.");
        if (shadow is null && canary is null && result.GetResult(_labelWindow) is { Implicit: false }) problems.Add("--rollout-label-window applies to a shadow or canary.");
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
        if (shadow is null && canary is null) return null;
        return new RolloutOptions
        {
            Mode = shadow is not null ? RolloutMode.Shadow : RolloutMode.Canary,
            Challenger = ModelSpec.Parse((shadow ?? canary)!),
            CanaryShare = result.GetValue(_share),
            CanaryKey = result.GetValue(_key),
            RollbackErrorRate = result.GetValue(_errorRate),
            RollbackLatencyRatio = result.GetValue(_latencyRatio),
            RollbackMinRequests = result.GetValue(_minRequests),
            RollbackMetricDrop = result.GetValue(_metricDrop),
            RollbackMinLabels = result.GetValue(_minLabels),
            ShadowQueueCapacity = result.GetValue(_shadowQueue),
            LabelWindow = result.GetValue(_labelWindow),
        };
    }
}
