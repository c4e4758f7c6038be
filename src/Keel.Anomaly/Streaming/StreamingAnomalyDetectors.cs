using System.Globalization;

namespace Keel.Anomaly.Streaming;

/// <summary>
/// Builds a streaming anomaly detector from its command-line name and <c>name=value</c> settings (River's names for
/// the trees: n_trees, height, window_size, seed). Every detector also takes <c>quiet=N</c>, which passes its scores
/// through <see cref="AlarmSuppression"/> (one alarm per event). Every problem (an unknown setting, a value that does
/// not parse, an option out of range) is listed in one <see cref="ArgumentException"/>.
/// </summary>
/// <example>
/// <code>
/// var detector = StreamingAnomalyDetectors.Create("seasonal", new Dictionary&lt;string, string&gt; { ["season"] = "hour-of-day" });
/// </code>
/// </example>
public static class StreamingAnomalyDetectors
{
    /// <summary>The detectors' command-line names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["seasonal", "hst", "gaussian", "entropy"];

    private static readonly DetectorSetting<RobustSeasonalBaselineOptions>[] SeasonalSettings =
    [
        new("season", "none, points, hour-of-day or hour-of-week", (o, s) => s switch
        {
            "none" => o with { Seasonality = Seasonality.None },
            "points" => o with { Seasonality = Seasonality.Points },
            "hour-of-day" => o with { Seasonality = Seasonality.HourOfDay },
            "hour-of-week" => o with { Seasonality = Seasonality.HourOfWeek },
            _ => null,
        }),
        DetectorSetting<RobustSeasonalBaselineOptions>.Integer("period", (o, v) => o with { Period = v }),
        DetectorSetting<RobustSeasonalBaselineOptions>.Integer("window", (o, v) => o with { Window = v }),
        DetectorSetting<RobustSeasonalBaselineOptions>.Integer("min_phase_values", (o, v) => o with { MinPhaseValues = v }),
        DetectorSetting<RobustSeasonalBaselineOptions>.Integer("warm_up", (o, v) => o with { WarmUp = v }),
        DetectorSetting<RobustSeasonalBaselineOptions>.Real("outlier_z", (o, v) => o with { OutlierZ = v }),
        DetectorSetting<RobustSeasonalBaselineOptions>.Real("min_scale_share", (o, v) => o with { MinScaleShare = v }),
    ];

    private static readonly DetectorSetting<SeriesHalfSpaceTreesOptions>[] TreeSettings =
    [
        DetectorSetting<SeriesHalfSpaceTreesOptions>.Integer("n_trees", (o, v) => o with { Trees = o.Trees with { Trees = v } }),
        DetectorSetting<SeriesHalfSpaceTreesOptions>.Integer("height", (o, v) => o with { Trees = o.Trees with { Height = v } }),
        DetectorSetting<SeriesHalfSpaceTreesOptions>.Integer("window_size", (o, v) => o with { Trees = o.Trees with { WindowSize = v } }),
        DetectorSetting<SeriesHalfSpaceTreesOptions>.Integer("seed", (o, v) => o with { Trees = o.Trees with { Seed = v } }),
        DetectorSetting<SeriesHalfSpaceTreesOptions>.Integer("shingle", (o, v) => o with { Shingle = v }),
        DetectorSetting<SeriesHalfSpaceTreesOptions>.Real("headroom", (o, v) => o with { Headroom = v }),
    ];

    private static readonly DetectorSetting<WindowedGaussianOptions>[] GaussianSettings =
    [
        DetectorSetting<WindowedGaussianOptions>.Integer("window", (o, v) => o with { Window = v }),
        DetectorSetting<WindowedGaussianOptions>.Integer("warm_up", (o, v) => o with { WarmUp = v }),
        new("input", "value or change", (o, s) => s switch
        {
            "value" => o with { Input = GaussianInput.Value },
            "change" => o with { Input = GaussianInput.Change },
            _ => null,
        }),
    ];

    private static readonly DetectorSetting<RelativeEntropyOptions>[] EntropySettings =
    [
        DetectorSetting<RelativeEntropyOptions>.Integer("bins", (o, v) => o with { Bins = v }),
        DetectorSetting<RelativeEntropyOptions>.Integer("window", (o, v) => o with { Window = v }),
        DetectorSetting<RelativeEntropyOptions>.Real("confidence", (o, v) => o with { Confidence = v }),
    ];

    /// <summary>
    /// The detector called <paramref name="name"/> (one of <see cref="Names"/>) with its defaults but for
    /// <paramref name="settings"/>: <c>seasonal</c> (<see cref="RobustSeasonalBaseline"/>), <c>hst</c>
    /// (<see cref="SeriesHalfSpaceTrees"/>), <c>gaussian</c> (<see cref="WindowedGaussian"/>) or <c>entropy</c>
    /// (<see cref="RelativeEntropy"/>). For <c>seasonal</c>, a <c>period</c> without a <c>season</c> means
    /// <c>season=points</c>. <c>quiet=N</c> (any detector; 0, the default, is off) wraps the detector in
    /// <see cref="AlarmSuppression"/>.
    /// </summary>
    public static IStreamingAnomalyDetector Create(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        settings ??= new Dictionary<string, string>();
        if (!Names.Contains(name)) throw new ArgumentException($"There is no anomaly detector '{name}'; the detectors are {string.Join(", ", Names)}.", nameof(name));
        var own = settings.Where(p => p.Key != Quiet).ToDictionary(StringComparer.Ordinal);
        var problems = new List<string>();
        var quiet = 0;
        if (settings.TryGetValue(Quiet, out var q) && !(int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out quiet) && quiet >= 0))
            problems.Add($"{Quiet}={q}: {Quiet} takes a whole number of points, 0 (no suppression) or more.");
        var detector = Own(name, own, problems);
        if (problems.Count > 0 || detector is null) throw new ArgumentException($"{name}: {string.Join(" ", problems)}", nameof(settings));
        return quiet > 0 ? new AlarmSuppression(detector, quiet) : detector;
    }

    private const string Quiet = "quiet";

    /// <summary>The detector itself, before any wrapper; null, with <paramref name="problems"/> saying why, when a setting is bad.</summary>
    private static IStreamingAnomalyDetector? Own(string name, IReadOnlyDictionary<string, string> settings, List<string> problems) => name switch
    {
        "seasonal" => Build(name, settings, SeasonalDefaults(settings), SeasonalSettings, o => o.Validate(), o => new RobustSeasonalBaseline(o), problems),
        "hst" => Build(name, settings, new SeriesHalfSpaceTreesOptions(), TreeSettings, o => o.Validate(), o => new SeriesHalfSpaceTrees(o), problems),
        "gaussian" => Build(name, settings, new WindowedGaussianOptions(), GaussianSettings, o => o.Validate(), o => new WindowedGaussian(o), problems),
        "entropy" => Build(name, settings, new RelativeEntropyOptions(), EntropySettings, o => o.Validate(), o => new RelativeEntropy(o), problems),
        _ => throw new ArgumentException($"There is no anomaly detector '{name}'; the detectors are {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The settings each detector takes, by name, for help texts.</summary>
    public static IReadOnlyList<string> Settings(string name) => name switch
    {
        "seasonal" => [.. SeasonalSettings.Select(s => s.Name), Quiet],
        "hst" => [.. TreeSettings.Select(s => s.Name), Quiet],
        "gaussian" => [.. GaussianSettings.Select(s => s.Name), Quiet],
        "entropy" => [.. EntropySettings.Select(s => s.Name), Quiet],
        _ => [],
    };

    private static RobustSeasonalBaselineOptions SeasonalDefaults(IReadOnlyDictionary<string, string> settings) =>
        settings.ContainsKey("period") && !settings.ContainsKey("season") ? new RobustSeasonalBaselineOptions { Seasonality = Seasonality.Points } : new RobustSeasonalBaselineOptions();

    private static IStreamingAnomalyDetector? Build<TOptions>(string name, IReadOnlyDictionary<string, string> settings, TOptions options,
        IReadOnlyList<DetectorSetting<TOptions>> known, Func<TOptions, IEnumerable<string>> validate, Func<TOptions, IStreamingAnomalyDetector> create,
        List<string> problems)
        where TOptions : class
    {
        var before = problems.Count;
        foreach (var (key, value) in settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var setting = known.FirstOrDefault(p => p.Name == key);
            if (setting is null)
                problems.Add($"{name} has no setting '{key}'; its settings are {string.Join(", ", Settings(name))}.");
            else if (setting.Apply(options, value) is { } set)
                options = set;
            else
                problems.Add($"{key}={value}: {key} takes {setting.Takes}.");
        }
        if (problems.Count == before) problems.AddRange(validate(options));
        return problems.Count == before ? create(options) : null;
    }
}
