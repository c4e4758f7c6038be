namespace Keel.Monitoring.Streaming;

/// <summary>
/// Builds a streaming drift detector from its command-line name and <c>--param</c> values, the parameters named as
/// River names them (delta, clock, warm_start, threshold, seed, ...). Every problem (an unknown parameter, a value
/// that does not parse, an option out of range) is listed in one <see cref="ArgumentException"/>.
/// </summary>
public static class DriftDetectors
{
    /// <summary>The detectors' command-line names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["adwin", "ddm", "eddm", "page-hinkley", "kswin", "hddm-a"];

    private static readonly DetectorParameter<AdwinOptions>[] AdwinParameters =
    [
        DetectorParameter<AdwinOptions>.Real("delta", (o, v) => o with { Delta = v }),
        DetectorParameter<AdwinOptions>.Integer("clock", (o, v) => o with { Clock = v }),
        DetectorParameter<AdwinOptions>.Integer("max_buckets", (o, v) => o with { MaxBuckets = v }),
        DetectorParameter<AdwinOptions>.Integer("min_window_length", (o, v) => o with { MinWindowLength = v }),
        DetectorParameter<AdwinOptions>.Integer("grace_period", (o, v) => o with { GracePeriod = v }),
    ];

    private static readonly DetectorParameter<DdmOptions>[] DdmParameters =
    [
        DetectorParameter<DdmOptions>.Integer("warm_start", (o, v) => o with { WarmStart = v }),
        DetectorParameter<DdmOptions>.Real("warning_threshold", (o, v) => o with { WarningThreshold = v }),
        DetectorParameter<DdmOptions>.Real("drift_threshold", (o, v) => o with { DriftThreshold = v }),
    ];

    private static readonly DetectorParameter<EddmOptions>[] EddmParameters =
    [
        DetectorParameter<EddmOptions>.Integer("warm_start", (o, v) => o with { WarmStart = v }),
        DetectorParameter<EddmOptions>.Real("alpha", (o, v) => o with { Alpha = v }),
        DetectorParameter<EddmOptions>.Real("beta", (o, v) => o with { Beta = v }),
    ];

    private static readonly DetectorParameter<PageHinkleyOptions>[] PageHinkleyParameters =
    [
        DetectorParameter<PageHinkleyOptions>.Integer("min_instances", (o, v) => o with { MinInstances = v }),
        DetectorParameter<PageHinkleyOptions>.Real("delta", (o, v) => o with { Delta = v }),
        DetectorParameter<PageHinkleyOptions>.Real("threshold", (o, v) => o with { Threshold = v }),
        DetectorParameter<PageHinkleyOptions>.Real("alpha", (o, v) => o with { Alpha = v }),
        new("mode", "up, down or both", (o, s) => s switch
        {
            "up" => o with { Mode = PageHinkleyMode.Up },
            "down" => o with { Mode = PageHinkleyMode.Down },
            "both" => o with { Mode = PageHinkleyMode.Both },
            _ => null,
        }),
    ];

    private static readonly DetectorParameter<KswinOptions>[] KswinParameters =
    [
        DetectorParameter<KswinOptions>.Real("alpha", (o, v) => o with { Alpha = v }),
        DetectorParameter<KswinOptions>.Integer("window_size", (o, v) => o with { WindowSize = v }),
        DetectorParameter<KswinOptions>.Integer("stat_size", (o, v) => o with { StatSize = v }),
        DetectorParameter<KswinOptions>.Integer("seed", (o, v) => o with { Seed = v }),
    ];

    private static readonly DetectorParameter<HddmAOptions>[] HddmAParameters =
    [
        DetectorParameter<HddmAOptions>.Real("drift_confidence", (o, v) => o with { DriftConfidence = v }),
        DetectorParameter<HddmAOptions>.Real("warning_confidence", (o, v) => o with { WarningConfidence = v }),
        DetectorParameter<HddmAOptions>.Boolean("two_sided_test", (o, v) => o with { TwoSidedTest = v }),
    ];

    /// <summary>The detector called <paramref name="name"/> (one of <see cref="Names"/>), its options River's defaults but for <paramref name="parameters"/>.</summary>
    public static IDriftDetector Create(string name, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        parameters ??= new Dictionary<string, string>();
        return name switch
        {
            "adwin" => Build(name, parameters, new AdwinOptions(), AdwinParameters, o => o.Validate(), o => new Adwin(o)),
            "ddm" => Build(name, parameters, new DdmOptions(), DdmParameters, o => o.Validate(), o => new Ddm(o)),
            "eddm" => Build(name, parameters, new EddmOptions(), EddmParameters, o => o.Validate(), o => new Eddm(o)),
            "page-hinkley" => Build(name, parameters, new PageHinkleyOptions(), PageHinkleyParameters, o => o.Validate(), o => new PageHinkley(o)),
            "kswin" => Build(name, parameters, new KswinOptions(), KswinParameters, o => o.Validate(), o => new Kswin(o)),
            "hddm-a" => Build(name, parameters, new HddmAOptions(), HddmAParameters, o => o.Validate(), o => new HddmA(o)),
            _ => throw new ArgumentException($"There is no drift detector '{name}'; the detectors are {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private static IDriftDetector Build<TOptions>(string name, IReadOnlyDictionary<string, string> parameters, TOptions options,
        IReadOnlyList<DetectorParameter<TOptions>> known, Func<TOptions, IEnumerable<string>> validate, Func<TOptions, IDriftDetector> create)
        where TOptions : class
    {
        var problems = new List<string>();
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var parameter = known.FirstOrDefault(p => p.Name == key);
            if (parameter is null)
                problems.Add($"{name} has no parameter '{key}'; its parameters are {string.Join(", ", known.Select(p => p.Name))}.");
            else if (parameter.Apply(options, value) is { } set)
                options = set;
            else
                problems.Add($"{key}={value}: {key} takes {parameter.Takes}.");
        }
        problems.AddRange(validate(options));
        if (problems.Count > 0) throw new ArgumentException($"{name}: {string.Join(" ", problems)}", nameof(parameters));
        return create(options);
    }
}
