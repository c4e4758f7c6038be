using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Pruners;
using Keel.Tuning.Samplers;

namespace Keel.Tuning.Studies;

/// <summary>
/// One evaluation of the objective, which asks it for parameter values as it goes (define-by-run, as Optuna's
/// <c>Trial</c>): a parameter suggested only inside a branch is a conditional parameter. The objective reports
/// intermediate values by step and asks <see cref="ShouldPrune"/> whether to stop early.
/// </summary>
public sealed class Trial
{
    private readonly Study _study;
    private readonly IReadOnlyList<FrozenTrial> _history;
    private readonly IReadOnlyDictionary<string, ParameterValue> _fixed;
    private readonly Dictionary<string, ParameterValue> _params = [];
    private readonly Dictionary<int, double> _intermediate = [];
    private readonly Dictionary<string, string> _attributes = [];

    internal Trial(Study study, TrialRecord record, IReadOnlyList<FrozenTrial> history, CancellationToken cancellationToken)
    {
        _study = study;
        _history = history;
        Id = record.Id;
        Number = record.Number;
        _fixed = TrialCodec.ReadParams(record.Params);
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// A trial that only gives back the parameters of a finished trial, to rebuild what it evaluated (the best
    /// trainer); it samples nothing and stores nothing.
    /// </summary>
    internal static Trial Replay(Study study, FrozenTrial frozen) =>
        new(study, new TrialRecord(-1, study.Id, frozen.Number, frozen.State, TrialCodec.WriteParams(frozen.Params), frozen.Value, "{}", null, null, null, null), [], CancellationToken.None)
        { _replay = true };

    private bool _replay;

    internal long Id { get; }

    /// <summary>The trial's number in its study: 0, 1, ...</summary>
    public int Number { get; }

    /// <summary>Cancelled when the study is; a long objective should pass it on (e.g. to a trainer's <c>TrainingContext</c>).</summary>
    public CancellationToken CancellationToken { get; }

    public IReadOnlyDictionary<string, ParameterValue> Params => _params;

    public IReadOnlyDictionary<int, double> Intermediate => _intermediate;

    public IReadOnlyDictionary<string, string> UserAttributes => _attributes;

    /// <summary>A real value in [low, high]; on a log scale with <paramref name="log"/>, on a grid of <paramref name="step"/> from low with a step.</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        Suggest(name, new FloatDistribution(low, high, log, step));

    /// <summary>An integer in [low, high], on a grid of <paramref name="step"/> from low, or on a log scale with <paramref name="log"/>.</summary>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1) =>
        (int)Suggest(name, new IntDistribution(low, high, log, step));

    /// <summary>One of the choices.</summary>
    public string SuggestCategorical(string name, IReadOnlyList<string> choices)
    {
        var distribution = new CategoricalDistribution(choices);
        return distribution.Choices[(int)Suggest(name, distribution)];
    }

    private double Suggest(string name, ParameterDistribution distribution)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new KeelTuningException("A parameter needs a name.");
        if (_params.TryGetValue(name, out var known))
        {
            if (known.Distribution != distribution)
                throw new KeelTuningException($"Parameter '{name}' was suggested twice in trial {Number} with different distributions ({Describe(known.Distribution)}, then {Describe(distribution)}).");
            return known.Internal;
        }
        if (_history.FirstOrDefault(t => t.Params.ContainsKey(name)) is { } earlier && earlier.Params[name].Distribution != distribution)
            throw new KeelTuningException(
                $"Parameter '{name}' is {Describe(distribution)} in trial {Number}, but {Describe(earlier.Params[name].Distribution)} in trial {earlier.Number} of study '{_study.Name}'. A study keeps one distribution per parameter; use another parameter name or another study.");
        if (_replay && !(_fixed.TryGetValue(name, out var stored) && distribution.Contains(stored.Internal)))
            throw new KeelTuningException($"Trial {Number} has no value of '{name}' in {Describe(distribution)}: the search space changed since it ran. Start a new study.");
        var value = _fixed.TryGetValue(name, out var given) && distribution.Contains(given.Internal)
            ? given.Internal
            : _study.Sampler.Sample(new SamplingContext(_study.Direction, _history, Number), name, distribution);
        _params[name] = new ParameterValue(distribution, value);
        return value;
    }

    private static string Describe(ParameterDistribution d) => d.ToJson().ToJsonString();

    /// <summary>Records the objective's value at a step (a boosting round, a fold), for pruners to compare.</summary>
    public void Report(int step, double value)
    {
        if (step < 0) throw new KeelTuningException($"Trial {Number} reported step {step}; steps start at 0.");
        if (!double.IsFinite(value)) throw new KeelTuningException($"Trial {Number} reported {value} at step {step}; intermediate values must be finite.");
        CancellationToken.ThrowIfCancellationRequested();
        _study.Storage.ReportIntermediate(Id, step, value);
        _intermediate[step] = value;
    }

    /// <summary>Whether the study's pruner judges this trial unpromising at its last reported step; false without a pruner.</summary>
    public bool ShouldPrune()
    {
        if (_study.Pruner is not { } pruner || _intermediate.Count == 0) return false;
        var others = _study.Load().Where(t => t.Number != Number).ToList();
        var current = new FrozenTrial(Number, TrialState.Running, null, _params, new Dictionary<int, double>(_intermediate));
        return pruner.ShouldPrune(new PruningContext(_study.Name, _study.Direction, others, current));
    }

    /// <summary>Ends the trial as pruned (throws <see cref="TrialPrunedException"/>, which the study catches).</summary>
    public void Prune() => throw new TrialPrunedException(_intermediate.Count == 0 ? 0 : _intermediate.Keys.Max());

    /// <summary>Notes something about the trial (a model's size, a warning) that is stored with it.</summary>
    public void SetUserAttribute(string key, string value) => _attributes[key] = value;
}
