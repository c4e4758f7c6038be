using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Trainers;

namespace Keel.Learn.Training;

/// <summary>
/// Everything needed to re-run the training job that made a bundle: how the data was read, the label and task, the
/// split, the seed, the selection settings that chose the trainer, and the chosen trainer with its exact parameters
/// and featurization. Saved in every bundle as <c>recipe.json</c>; <see cref="TrainingJob.Retrain"/> re-runs it, and
/// the same data with the same recipe gives the same model.
/// </summary>
public sealed record TrainingRecipe
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string Label { get; init; }

    /// <summary>The task the model learned (detected or given).</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The positive class of a binary task; null otherwise.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>How the data file was read: separator, header, column names and the type and role overrides given.</summary>
    public DataReading Reading { get; init; } = new();

    /// <summary>Every column of the training data as it was read: name, type and role.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; init; } = [];

    public double TestFraction { get; init; }

    public int Seed { get; init; }

    /// <summary>Threads the native trainer used (LightGBM is exactly reproducible for a seed and a thread count).</summary>
    public int Threads { get; init; }

    /// <summary>The model selection that chose the trainer; null where the trainer was given, not selected.</summary>
    public SelectionSettings? Selection { get; init; }

    /// <summary>The trainer the model was fitted with.</summary>
    public required string Trainer { get; init; }

    /// <summary>The trainer's options as text, as <see cref="ITrainer.Parameters"/> gives them.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How columns became features; null where the trainer has no featurization of its own.</summary>
    public FeaturizationOptions? Featurization { get; init; }

    /// <summary>The KPI whose best threshold the model uses; null when it uses 0.5. A retraining chooses it again.</summary>
    public Decisions.DecisionValue? Value { get; init; }

    /// <summary>The cross-validation folds whose out-of-fold scores chose the threshold; 0 without a KPI.</summary>
    public int ThresholdFolds { get; init; }

    /// <summary>The data file's name and the fingerprint of its labelled rows.</summary>
    public required string Source { get; init; }

    public required string Fingerprint { get; init; }

    /// <summary>Why this recipe cannot be re-run exactly (e.g. an AutoML search); null when it can.</summary>
    public string? NotRetrainable { get; init; }

    /// <summary>
    /// The recipe of a job run with <paramref name="options"/> that fitted <paramref name="trainer"/> with
    /// <paramref name="parameters"/> on data with <paramref name="schema"/>; threads, featurization and selection are
    /// set with <c>with</c>. A trainer that is not built in (an AutoML ensemble) is recorded as not retrainable.
    /// </summary>
    public static TrainingRecipe Create(TrainingJobOptions options, string trainer, IReadOnlyDictionary<string, string> parameters,
        Target target, Schema schema, string fingerprint) => new()
    {
        Label = target.Column,
        Task = target.Task,
        PositiveClass = target.PositiveClass,
        Reading = options.Reading,
        Columns = schema.Columns.ToArray(),
        TestFraction = options.TestFraction,
        Seed = options.Seed,
        Threads = options.Selection.Threads,
        Trainer = trainer,
        Parameters = new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal),
        Source = options.Source,
        Fingerprint = fingerprint,
        Value = options.Value,
        ThresholdFolds = options.Value is null ? 0 : options.Selection.Folds,
        NotRetrainable = TrainerFactory.IsBuiltIn(trainer) ? null
            : $"This model was made by {trainer} (a search over trainers and ensembles), which a recipe cannot re-run exactly. " +
              $"Run keel automl again on the new data with the options its manifest records (seed {options.Seed}, {string.Join(", ", parameters.Where(p => p.Key is "metric" or "folds" or "time_budget_seconds").Select(p => $"{p.Key} {p.Value}"))}), or keel train for a single trainer.",
    };

    /// <summary>The columns a retraining needs in its data: the label and every model input.</summary>
    public IReadOnlyList<string> NeededColumns(IEnumerable<string> inputs) => [Label, .. inputs.Where(i => i != Label)];

    /// <summary>
    /// The options of a job that re-runs this recipe: the same label, task, positive class, split, seed, threads and
    /// trainer (rebuilt with its parameters), with no model selection; the new model is <paramref name="name"/>,
    /// trained on <paramref name="source"/>, with <paramref name="parent"/> ("name@version") as its lineage.
    /// </summary>
    public TrainingJobOptions JobOptions(string name, string source, string? parent) => new()
    {
        Label = Label,
        Task = Task,
        PositiveClass = PositiveClass,
        TestFraction = TestFraction,
        Seed = Seed,
        Trainer = BuildTrainer(),
        Reading = Reading,
        Selection = new Selection.SelectionOptions
        {
            Seed = Seed, Threads = Threads > 0 ? Threads : Environment.ProcessorCount,
            Folds = ThresholdFolds >= 2 ? ThresholdFolds : new Selection.SelectionOptions().Folds,
        },
        Value = Value,
        Name = name,
        Source = source,
        Parent = parent,
    };

    /// <summary>
    /// The column types a retraining's data should be read with: each recorded column's type, for the columns of
    /// <paramref name="names"/> that the training data had.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnType> TypesFor(IEnumerable<string> names)
    {
        var present = names.ToHashSet(StringComparer.Ordinal);
        return Columns.Where(c => present.Contains(c.Name)).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
    }

    /// <summary>
    /// The data of a retraining (<paramref name="source"/> names it in errors) with each training column's recorded
    /// role; a column the training data did not have is ignored, so the model reads the same inputs. Refuses data without the label or without a column the model reads (<paramref name="inputs"/>), or with
    /// such a column of another type, naming each.
    /// </summary>
    public Table Prepare(Table data, IEnumerable<string> inputs, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Schema.Contains(Label))
            throw new KeelLearnException($"{source} has no label column '{Label}', which the recipe trains on. The columns are: {string.Join(", ", data.Schema.Names)}.");
        var needed = NeededColumns(inputs);
        var missing = needed.Where(c => !data.Schema.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new KeelLearnException($"{source} lacks {(missing.Count == 1 ? "the column" : "the columns")} {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the model reads. " +
                                         "Add it to the data, or train a new model without it with keel train.");
        var recorded = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var wrongType = needed.Where(c => c != Label && recorded.TryGetValue(c, out var r) && data.Schema[c].Type != r.Type)
            .Select(c => $"'{c}' is {data.Schema[c].Type.ToString().ToLowerInvariant()} here but was {recorded[c].Type.ToString().ToLowerInvariant()} in training")
            .ToList();
        if (wrongType.Count > 0) throw new KeelLearnException($"{source}: {string.Join("; ", wrongType)}. Fix the values so the column reads as it did.");
        foreach (var column in data.Schema.Columns.ToArray())
            if (column.Name != Label)
                data = data.WithRole(column.Name, recorded.TryGetValue(column.Name, out var r) ? r.Role : ColumnRole.Ignore);
        return data;
    }

    /// <summary>
    /// The trainer this recipe names, rebuilt with its recorded parameters and featurization; refuses a recipe that
    /// cannot be re-run (<see cref="NotRetrainable"/>) or a trainer that is not built in.
    /// </summary>
    public FeaturizedTrainer BuildTrainer()
    {
        if (NotRetrainable is { } why) throw new KeelLearnException(why);
        if (!TrainerFactory.IsBuiltIn(Trainer))
            throw new KeelLearnException($"The recipe's trainer '{Trainer}' is not a built-in trainer, so it cannot be re-run; train a new model with keel train.");
        return TrainerFactory.FromParameters(Trainer, Parameters, Featurization);
    }
}

/// <summary>How a data file was read (the CLI's --sep, --header, --columns, --type, --id, --ignore, --sensitive, --schema).</summary>
public sealed record DataReading
{
    /// <summary>The field separator given; null when it was sniffed.</summary>
    public char? Separator { get; init; }

    /// <summary>Whether the first row names the columns; null when it was sniffed.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>The column names given for a file without a header; null otherwise.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>The column types given (not sniffed).</summary>
    public IReadOnlyDictionary<string, ColumnType> Types { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>The column roles given (ids, ignored and sensitive columns).</summary>
    public IReadOnlyDictionary<string, ColumnRole> Roles { get; init; } = new Dictionary<string, ColumnRole>();
}

/// <summary>The model-selection settings a recipe records: folds, metric and candidates.</summary>
public sealed record SelectionSettings(int Folds, string? Metric, IReadOnlyList<string> Candidates, double TimeBudgetSeconds);
