using Keel.Data;

namespace Keel.Monitoring.Drift;

/// <summary>
/// One column's reference and current values, prepared once for every test that reads them: missing values (and,
/// as Evidently does, infinities) left out and counted; numbers sorted once and merged; categories counted.
/// </summary>
internal sealed class ColumnSample
{
    private CategoryCounts? _categories;

    private ColumnSample(string column, DriftColumnKind kind, Column reference, Column current, int referenceMissing, int currentMissing, MergedSample? numeric, CategoryCounts? categories)
    {
        Column = column;
        Kind = kind;
        ReferenceColumn = reference;
        CurrentColumn = current;
        ReferenceMissing = referenceMissing;
        CurrentMissing = currentMissing;
        Numeric = numeric;
        _categories = categories;
    }

    public string Column { get; }

    public DriftColumnKind Kind { get; }

    public Column ReferenceColumn { get; }

    public Column CurrentColumn { get; }

    public int ReferenceMissing { get; }

    public int CurrentMissing { get; }

    /// <summary>The merged sorted values of a numeric column; null for a categorical one.</summary>
    public MergedSample? Numeric { get; }

    /// <summary>The value counts: a categorical column's categories, or a numeric column's distinct numbers.</summary>
    public CategoryCounts Categories => _categories ??= CategoryCounts.FromNumeric(Numeric!);

    public int ReferenceCount => Numeric?.ReferenceCount ?? Categories.ReferenceTotal;

    public int CurrentCount => Numeric?.CurrentCount ?? Categories.CurrentTotal;

    /// <summary>Distinct non-missing values over both samples (pandas' <c>nunique</c> of the two concatenated).</summary>
    public int Distinct => Numeric?.Distinct ?? Categories.Count;

    /// <summary>The kind of values a column holds, or null when no drift test applies to its type.</summary>
    public static DriftColumnKind? KindOf(ColumnType type) => type switch
    {
        ColumnType.Numeric => DriftColumnKind.Numeric,
        ColumnType.Categorical or ColumnType.Boolean => DriftColumnKind.Categorical,
        _ => null,
    };

    /// <summary>Prepares a column; the two columns must have the same type, one of numeric, categorical or boolean.</summary>
    public static ColumnSample Build(Column reference, Column current)
    {
        var name = reference.Name;
        if (reference.Type != current.Type)
            throw new KeelDataException(TypeMismatch(name, reference.Type, current.Type));
        var kind = KindOf(reference.Type)
            ?? throw new KeelDataException($"Column '{name}' holds {reference.Type.ToString().ToLowerInvariant()} values; drift tests apply to numeric, categorical and boolean columns. Leave it out of Columns.");
        ColumnSample sample;
        switch (reference)
        {
            case NumericColumn r:
                var merged = MergedSample.Build(r.Values, ((NumericColumn)current).Values, out var refMissing, out var curMissing);
                CheckNotEmpty(name, r.Length - refMissing, current.Length - curMissing);
                sample = new(name, kind, reference, current, refMissing, curMissing, merged, null);
                break;
            case CategoricalColumn r:
                var counts = CategoryCounts.FromCategorical(r, (CategoricalColumn)current, out var rm, out var cm);
                CheckNotEmpty(name, counts.ReferenceTotal, counts.CurrentTotal);
                sample = new(name, kind, reference, current, rm, cm, null, counts);
                break;
            default:
                var bools = CategoryCounts.FromBoolean((BooleanColumn)reference, (BooleanColumn)current, out var brm, out var bcm);
                CheckNotEmpty(name, bools.ReferenceTotal, bools.CurrentTotal);
                sample = new(name, kind, reference, current, brm, bcm, null, bools);
                break;
        }
        return sample;
    }

    public static string TypeMismatch(string column, ColumnType reference, ColumnType current) =>
        $"Column '{column}' is {reference.ToString().ToLowerInvariant()} in the reference data but {current.ToString().ToLowerInvariant()} in the current data; " +
        "give both tables the same type for it (for example, read both with the same schema).";

    private static void CheckNotEmpty(string column, int reference, int current)
    {
        if (reference == 0 || current == 0)
            throw new KeelDataException($"Column '{column}' has no non-missing values in the {(reference == 0 ? "reference" : "current")} data, so its drift cannot be tested; leave it out of Columns.");
    }

}
