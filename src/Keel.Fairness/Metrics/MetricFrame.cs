using Keel.Data;

namespace Keel.Fairness.Metrics;

/// <summary>
/// Metrics computed overall and per group of one or more sensitive features, as Fairlearn's <c>MetricFrame</c>:
/// <see cref="Overall"/>, <see cref="ByGroup"/>, <see cref="GroupMin"/>, <see cref="GroupMax"/>,
/// <see cref="Difference"/> and <see cref="Ratio"/> (each <c>between_groups</c> or <c>to_overall</c>), with
/// Fairlearn's definitions. With control features, <see cref="ByControl"/> holds one frame per control level (where
/// Fairlearn's overall and aggregations are split by the control features). Every value carries a seeded, stratified
/// bootstrap percentile interval, and groups too small to judge are named in <see cref="Warnings"/>.
/// </summary>
/// <example>
/// <code>
/// // Fairlearn's user guide example: recall 0.5, 0.6, 0.4 for groups a, b, c.
/// var frame = MetricFrame.Compute(new FairnessData { YTrue = yTrue, YPred = yPred, SensitiveFeatures = [SensitiveFeature.Of(groups)] },
///     [GroupMetrics.Recall, GroupMetrics.SelectionRate]);
/// var gap = frame.Difference("selection_rate");          // 0.25
/// var worst = frame.Ratio("selection_rate").Value;       // 0.6667
/// </code>
/// </example>
public sealed class MetricFrame
{
    private readonly double[][] _groupReplicates;   // [metric][group * resamples + b], NaN where undefined
    private readonly double[][] _overallReplicates; // [metric][b]
    private readonly int _resamples;
    private readonly double _confidence;

    private MetricFrame(IReadOnlyList<string> metrics, IReadOnlyList<string> sensitive, string? controlLevel, int count,
        IReadOnlyDictionary<string, FairnessValue> overall, IReadOnlyList<GroupResult> byGroup, IReadOnlyList<MetricFrame> byControl,
        IReadOnlyList<string> warnings, double[][] groupReplicates, double[][] overallReplicates, int resamples, double confidence)
    {
        Metrics = metrics;
        SensitiveFeatureNames = sensitive;
        ControlLevel = controlLevel;
        Count = count;
        Overall = overall;
        ByGroup = byGroup;
        ByControl = byControl;
        Warnings = warnings;
        _groupReplicates = groupReplicates;
        _overallReplicates = overallReplicates;
        _resamples = resamples;
        _confidence = confidence;
    }

    /// <summary>The metrics' names, in the order given.</summary>
    public IReadOnlyList<string> Metrics { get; }

    public IReadOnlyList<string> SensitiveFeatureNames { get; }

    /// <summary>The control level this frame covers, e.g. "H" or "H, 2020"; null for a frame over all rows.</summary>
    public string? ControlLevel { get; }

    /// <summary>Rows in this frame.</summary>
    public int Count { get; }

    /// <summary>Each metric on all rows of the frame (Fairlearn's <c>overall</c>).</summary>
    public IReadOnlyDictionary<string, FairnessValue> Overall { get; }

    /// <summary>Each group, in the order of its values (Fairlearn's <c>by_group</c>); only groups with rows.</summary>
    public IReadOnlyList<GroupResult> ByGroup { get; }

    /// <summary>One frame per control level; empty without control features.</summary>
    public IReadOnlyList<MetricFrame> ByControl { get; }

    /// <summary>Groups too small to judge, and missing values that formed their own group.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The bootstrap resamples behind the intervals; 0 when none were drawn.</summary>
    public int Bootstrap => _resamples;

    /// <summary>Computes the metrics overall and per group. Refuses data whose parts disagree and invalid options, listing every problem.</summary>
    public static MetricFrame Compute(FairnessData data, IReadOnlyList<GroupMetric>? metrics = null, MetricFrameOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new MetricFrameOptions();
        if (options.Problems() is { } problems) throw new KeelDataException(problems);
        data.Validate();
        metrics ??= GroupMetrics.Default(data.YTrue is not null, data.Scores is not null);
        if (metrics.Count == 0) throw new KeelDataException("At least one metric is needed.");
        foreach (var d in metrics.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new KeelDataException($"The metric '{d.Key}' is given more than once.");

        var byControl = new List<MetricFrame>();
        if (data.ControlFeatures.Count > 0)
        {
            var levels = GroupIndex.Build(data.ControlFeatures);
            for (var k = 0; k < levels.Names.Count; k++)
            {
                var rows = levels.Rows[k];
                var sub = data.Take(rows) with { ControlFeatures = [] };
                byControl.Add(Build(sub, metrics, options, levels.Names[k], unchecked(options.Seed + 7919 * (k + 1)), []));
            }
        }
        return Build(data, metrics, options, null, options.Seed, byControl);
    }

    private static MetricFrame Build(FairnessData data, IReadOnlyList<GroupMetric> metrics, MetricFrameOptions options, string? controlLevel, int seed, IReadOnlyList<MetricFrame> byControl)
    {
        var predicted = data.YPred.Select(p => p ? 1 : 0).ToArray();
        var labels = data.YTrue?.Select(y => y ? 1 : 0).ToArray();
        var scores = data.Scores?.ToArray();
        var groups = GroupIndex.Build(data.SensitiveFeatures);
        var m = metrics.Count;
        var g = groups.Names.Count;
        var b = options.Bootstrap;

        var overallSample = new GroupSample(predicted, labels, scores);
        var samples = groups.Rows.Select(rows => Gather(rows, predicted, labels, scores)).ToArray();

        var groupReplicates = new double[m][];
        var overallReplicates = new double[m][];
        for (var k = 0; k < m; k++)
        {
            groupReplicates[k] = new double[g * b];
            overallReplicates[k] = new double[b];
        }
        if (b > 0) Resample(groups.Rows, predicted, labels, scores, metrics, b, seed, groupReplicates, overallReplicates);

        var overall = new Dictionary<string, FairnessValue>(StringComparer.Ordinal);
        for (var k = 0; k < m; k++)
            overall[metrics[k].Name] = WithInterval(metrics[k].Compute(overallSample), overallReplicates[k], options.ConfidenceLevel);

        var warnings = new List<string>();
        foreach (var f in data.SensitiveFeatures)
        {
            var missing = f.Values.Count(v => v is null);
            if (missing > 0)
                warnings.Add($"'{f.Name}' is missing in {missing} of {f.Values.Count} rows{(controlLevel is null ? "" : $" (control level {controlLevel})")}; those rows form the group '{SensitiveFeature.MissingGroup}'.");
        }

        var byGroup = new GroupResult[g];
        for (var j = 0; j < g; j++)
        {
            var s = samples[j];
            var values = new Dictionary<string, FairnessValue>(StringComparer.Ordinal);
            for (var k = 0; k < m; k++)
                values[metrics[k].Name] = WithInterval(metrics[k].Compute(s), groupReplicates[k].AsSpan(j * b, b), options.ConfidenceLevel);
            var small = SmallGroup(s, options);
            if (small is not null) warnings.Add($"Group '{groups.Names[j]}'{(controlLevel is null ? "" : $" (control level {controlLevel})")} {small}.");
            byGroup[j] = new GroupResult
            {
                Name = groups.Names[j],
                Values = groups.Values[j],
                Count = s.Count,
                Positives = s.HasLabels ? s.Positives : null,
                PredictedPositives = s.PredictedPositives,
                Metrics = values,
                SmallGroupWarning = small,
            };
        }
        return new MetricFrame(metrics.Select(x => x.Name).ToArray(), data.SensitiveFeatures.Select(f => f.Name).ToArray(), controlLevel,
            predicted.Length, overall, byGroup, byControl, warnings, groupReplicates, overallReplicates, b, options.ConfidenceLevel);
    }

    /// <summary>The group with this name (e.g. "Female" or "Female, Black").</summary>
    public GroupResult Group(string name) =>
        ByGroup.FirstOrDefault(x => x.Name == name) ?? throw new KeyNotFoundException($"There is no group '{name}'; the groups are {string.Join(", ", ByGroup.Select(x => x.Name))}.");

    /// <summary>The smallest group value of a metric (Fairlearn's <c>group_min</c>), over the groups where it is defined.</summary>
    public FairnessValue GroupMin(string metric) => Aggregate(metric, "smallest", (groups, _) => Disparity.Defined(groups) == 0 ? double.NaN : Disparity.Min(groups));

    /// <summary>The largest group value of a metric (Fairlearn's <c>group_max</c>), over the groups where it is defined.</summary>
    public FairnessValue GroupMax(string metric) => Aggregate(metric, "largest", (groups, _) => Disparity.Defined(groups) == 0 ? double.NaN : Disparity.Max(groups));

    /// <summary>
    /// The largest difference (Fairlearn's <c>difference</c>): max − min between groups, or the largest |group −
    /// overall|. Groups whose value is undefined are left out and named in the value's note.
    /// </summary>
    public FairnessValue Difference(string metric, GroupMethod method = GroupMethod.BetweenGroups) =>
        Aggregate(metric, method == GroupMethod.BetweenGroups ? "difference between groups" : "difference to overall", (groups, overall) => Disparity.Difference(groups, overall, method), method);

    /// <summary>
    /// The smallest ratio (Fairlearn's <c>ratio</c>): min / max between groups, or the smallest group / overall taken
    /// below 1. Undefined when the denominator is 0.
    /// </summary>
    public FairnessValue Ratio(string metric, GroupMethod method = GroupMethod.BetweenGroups) =>
        Aggregate(metric, method == GroupMethod.BetweenGroups ? "ratio between groups" : "ratio to overall", (groups, overall) => Disparity.Ratio(groups, overall, method), method, ratio: true);

    private delegate double Aggregation(ReadOnlySpan<double> groups, double overall);

    private FairnessValue Aggregate(string metric, string what, Aggregation aggregate, GroupMethod? method = null, bool ratio = false)
    {
        var k = IndexOf(metric);
        var point = ByGroup.Select(x => x.Metrics[metric].Value ?? double.NaN).ToArray();
        var overall = Overall[metric];
        var value = aggregate(point, overall.Value ?? double.NaN);
        var undefinedGroups = ByGroup.Where(x => !x.Metrics[metric].IsDefined).ToArray();
        var leftOut = undefinedGroups.Length == 0 ? null
            : "left out: " + string.Join("; ", undefinedGroups.Select(x => $"{x.Name} ({x.Metrics[metric].UndefinedReason})"));
        if (double.IsNaN(value))
            return FairnessValue.Undefined(WhyUndefined(metric, what, point, overall, method, ratio, leftOut));
        return WithInterval(FairnessValue.Of(value, leftOut), Replicates(k, aggregate), _confidence);
    }

    /// <summary>The aggregation on every bootstrap resample (NaN where undefined); empty without resamples.</summary>
    private double[] Replicates(int k, Aggregation aggregate)
    {
        var replicates = new double[_resamples];
        var column = new double[ByGroup.Count];
        for (var r = 0; r < _resamples; r++)
        {
            for (var j = 0; j < column.Length; j++) column[j] = _groupReplicates[k][j * _resamples + r];
            replicates[r] = aggregate(column, _overallReplicates[k][r]);
        }
        return replicates;
    }

    internal double[] DifferenceReplicates(string metric, GroupMethod method) =>
        Replicates(IndexOf(metric), (groups, overall) => Disparity.Difference(groups, overall, method));

    internal double[] RatioReplicates(string metric, GroupMethod method) =>
        Replicates(IndexOf(metric), (groups, overall) => Disparity.Ratio(groups, overall, method));

    internal double Confidence => _confidence;

    private string WhyUndefined(string metric, string what, double[] groups, FairnessValue overall, GroupMethod? method, bool ratio, string? leftOut)
    {
        if (ByGroup.Count == 1) return $"there is only one group ('{ByGroup[0].Name}'), so there is nothing to compare";
        var defined = Disparity.Defined(groups);
        if (method == GroupMethod.ToOverall && !overall.IsDefined) return $"the overall {metric} is undefined: {overall.UndefinedReason}";
        if (defined == 0 || (method == GroupMethod.BetweenGroups && defined < 2))
            return $"fewer than two groups have a {metric}" + (leftOut is null ? "" : $" ({leftOut})");
        if (ratio && method == GroupMethod.ToOverall) return $"the {what} needs an overall {metric} above 0 and group values of 0 or more; the overall {metric} is {overall}";
        if (ratio) return $"the {what} divides by the largest group {metric}, which is {Disparity.Max(groups)}; a ratio needs it above 0 and every value 0 or more";
        return $"the {metric} {what} is undefined";
    }

    private int IndexOf(string metric)
    {
        for (var k = 0; k < Metrics.Count; k++) if (Metrics[k] == metric) return k;
        throw new KeyNotFoundException($"The metric '{metric}' was not computed; the metrics are {string.Join(", ", Metrics)}.");
    }

    private static string? SmallGroup(GroupSample s, MetricFrameOptions options)
    {
        var reasons = new List<string>();
        if (s.Count < options.MinGroupSize) reasons.Add($"has {s.Count} rows (fewer than {options.MinGroupSize})");
        if (s.HasLabels && s.Positives < options.MinGroupPositives) reasons.Add($"has {s.Positives} positive label{(s.Positives == 1 ? "" : "s")} (fewer than {options.MinGroupPositives})");
        if (s.HasLabels && s.Negatives < options.MinGroupPositives) reasons.Add($"has {s.Negatives} negative label{(s.Negatives == 1 ? "" : "s")} (fewer than {options.MinGroupPositives})");
        return reasons.Count == 0 ? null : string.Join(" and ", reasons) + ": its rates are too uncertain to judge";
    }

    internal static GroupSample Gather(IReadOnlyList<int> rows, int[] predicted, int[]? labels, double[]? scores)
    {
        var p = new int[rows.Count];
        var y = labels is null ? null : new int[rows.Count];
        var s = scores is null ? null : new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            p[i] = predicted[r];
            if (y is not null) y[i] = labels![r];
            if (s is not null) s[i] = scores![r];
        }
        return new GroupSample(p, y, s);
    }

    /// <summary>Stratified bootstrap: each group resampled with replacement to its own size; the overall value on their union.</summary>
    private static void Resample(IReadOnlyList<int[]> groups, int[] predicted, int[]? labels, double[]? scores, IReadOnlyList<GroupMetric> metrics,
        int resamples, int seed, double[][] groupReplicates, double[][] overallReplicates)
    {
        // One seed per resample, drawn in order, so that the resamples run in parallel and give the same numbers.
        var master = new Random(seed);
        var seeds = new int[resamples];
        for (var r = 0; r < resamples; r++) seeds[r] = master.Next();
        Parallel.For(0, resamples, r =>
        {
            var random = new Random(seeds[r]);
            var all = new int[predicted.Length];
            var offset = 0;
            for (var j = 0; j < groups.Count; j++)
            {
                var rows = groups[j];
                var drawn = new int[rows.Length];
                for (var i = 0; i < drawn.Length; i++) drawn[i] = rows[random.Next(rows.Length)];
                drawn.CopyTo(all, offset);
                offset += drawn.Length;
                var sample = Gather(drawn, predicted, labels, scores);
                for (var k = 0; k < metrics.Count; k++)
                    groupReplicates[k][j * resamples + r] = metrics[k].Compute(sample).Value ?? double.NaN;
            }
            var union = Gather(all, predicted, labels, scores);
            for (var k = 0; k < metrics.Count; k++)
                overallReplicates[k][r] = metrics[k].Compute(union).Value ?? double.NaN;
        });
    }

    /// <summary>The value with the percentile interval of its defined replicates (numpy's linear quantiles); unchanged without two.</summary>
    internal static FairnessValue WithInterval(FairnessValue value, ReadOnlySpan<double> replicates, double confidence)
    {
        if (!value.IsDefined || replicates.Length == 0) return value;
        var defined = new List<double>(replicates.Length);
        foreach (var x in replicates) if (!double.IsNaN(x)) defined.Add(x);
        if (defined.Count < 2) return value;
        defined.Sort();
        var alpha = (1 - confidence) / 2;
        return value.WithInterval(Quantile(defined, alpha), Quantile(defined, 1 - alpha));
    }

    internal static double Quantile(List<double> sorted, double q)
    {
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
