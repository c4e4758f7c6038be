using System.Globalization;
using Keel.Learn.Featurization;

namespace Keel.Learn.Trainers;

/// <summary>
/// Rebuilds a built-in trainer from what a manifest records of it: its <see cref="ITrainer.Name"/> and its
/// <see cref="ITrainer.Parameters"/> text. The rebuilt trainer's parameters equal the recorded ones exactly, so a
/// training recipe re-runs the same trainer with the same options.
/// </summary>
/// <example>
/// <code>
/// var trainer = TrainerFactory.FromParameters(bundle.Manifest.Trainer, bundle.Manifest.Parameters);
/// </code>
/// </example>
public static class TrainerFactory
{
    /// <summary>The names of the trainers <see cref="FromParameters"/> rebuilds.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["LightGbm", "FastTree", "FastForest", "Linear"];

    public static bool IsBuiltIn(string name) => BuiltInNames.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// The built-in trainer <paramref name="name"/> with the recorded <paramref name="parameters"/> (a key left out
    /// keeps the trainer's default) and <paramref name="featurization"/> (null: the default). Refuses an unknown
    /// name, an unknown key or a value that is not a number, naming every problem.
    /// </summary>
    public static FeaturizedTrainer FromParameters(string name, IReadOnlyDictionary<string, string> parameters, FeaturizationOptions? featurization = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        var reader = new ParameterReader(name, parameters);
        var features = featurization ?? new FeaturizationOptions();
        FeaturizedTrainer trainer = name switch
        {
            "LightGbm" => new LightGbmTrainer
            {
                Iterations = reader.Int("iterations", Lgb.Iterations),
                LearningRate = reader.Double("learning_rate", Lgb.LearningRate),
                Leaves = reader.Int("num_leaves", Lgb.Leaves),
                MinRowsPerLeaf = reader.Int("min_data_in_leaf", Lgb.MinRowsPerLeaf),
                FeatureFraction = reader.Double("feature_fraction", Lgb.FeatureFraction),
                BaggingFraction = reader.Double("bagging_fraction", Lgb.BaggingFraction),
                L2 = reader.Double("lambda_l2", Lgb.L2),
                MaxBins = reader.Int("max_bin", Lgb.MaxBins),
                Featurization = features,
            },
            "FastTree" => new FastTreeTrainer
            {
                Trees = reader.Int("trees", Tree.Trees),
                Leaves = reader.Int("leaves", Tree.Leaves),
                MinRowsPerLeaf = reader.Int("min_rows_per_leaf", Tree.MinRowsPerLeaf),
                LearningRate = reader.Double("learning_rate", Tree.LearningRate),
                Featurization = features,
            },
            "FastForest" => new FastForestTrainer
            {
                Trees = reader.Int("trees", Forest.Trees),
                Leaves = reader.Int("leaves", Forest.Leaves),
                MinRowsPerLeaf = reader.Int("min_rows_per_leaf", Forest.MinRowsPerLeaf),
                Featurization = features,
            },
            "Linear" => new LinearTrainer
            {
                L2 = reader.Double("l2", Lin.L2),
                L1 = reader.Double("l1", Lin.L1),
                Featurization = features,
            },
            _ => throw new KeelLearnException($"There is no built-in trainer '{name}' to rebuild; the built-in trainers are {string.Join(", ", BuiltInNames)}."),
        };
        reader.ThrowIfProblems();
        return trainer;
    }

    private static readonly LightGbmTrainer Lgb = new();
    private static readonly FastTreeTrainer Tree = new();
    private static readonly FastForestTrainer Forest = new();
    private static readonly LinearTrainer Lin = new();

    /// <summary>Reads recorded values, collecting every problem, then names the keys nobody read.</summary>
    private sealed class ParameterReader(string trainer, IReadOnlyDictionary<string, string> parameters)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);
        private readonly List<string> _problems = [];

        public int Int(string key, int fallback)
        {
            _read.Add(key);
            if (!parameters.TryGetValue(key, out var text)) return fallback;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            _problems.Add($"'{key}' is \"{text}\", not a whole number.");
            return fallback;
        }

        public double Double(string key, double fallback)
        {
            _read.Add(key);
            if (!parameters.TryGetValue(key, out var text)) return fallback;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
            _problems.Add($"'{key}' is \"{text}\", not a finite number.");
            return fallback;
        }

        public void ThrowIfProblems()
        {
            var unknown = parameters.Keys.Where(k => !_read.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
                _problems.Add($"{string.Join(", ", unknown.Select(k => $"'{k}'"))} {(unknown.Count == 1 ? "is not a parameter" : "are not parameters")} of {trainer}; its parameters are {string.Join(", ", _read.Order(StringComparer.Ordinal))}.");
            if (_problems.Count > 0) throw new KeelLearnException($"Cannot rebuild the {trainer} trainer: {string.Join(" ", _problems)}");
        }
    }
}
