using System.Globalization;
using Keel.Data;

namespace Keel.Learn;

/// <summary>
/// The label a model learns: its column, the task, and for classifiers the class names in a fixed order (ordinal for
/// text, numeric for numbers). A binary task's positive class is the second class in that order unless given
/// (<c>Yes</c> of No/Yes, <c>&gt;50K</c> of &lt;=50K/&gt;50K, <c>1</c> of 0/1, <c>true</c> of false/true).
/// </summary>
public sealed record Target(string Column, TaskKind Task, IReadOnlyList<string> Classes)
{
    /// <summary>The positive class of a binary task.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? PositiveClass => Task == TaskKind.Binary || Task == TaskKind.Anomaly && Classes.Count == 2 ? Classes[1] : null;

    /// <summary>Whether the target names a label column (an anomaly detector may have none).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasLabel => Column.Length > 0;

    /// <summary>How many values a model outputs per row: classes for multiclass, 1 otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int OutputCount => Task == TaskKind.Multiclass ? Classes.Count : 1;

    /// <summary>
    /// The target of an anomaly detector: no label (<paramref name="labelColumn"/> null), or a two-class label that
    /// only evaluates it, whose positive class (the second in order unless given, e.g. <c>1</c> of 0/1) marks the
    /// anomalies.
    /// </summary>
    public static Target Anomaly(Table table, string? labelColumn = null, string? positiveClass = null)
    {
        if (labelColumn is null) return new Target("", TaskKind.Anomaly, []);
        var binary = Detect(table, labelColumn, TaskKind.Binary, positiveClass);
        return binary with { Task = TaskKind.Anomaly };
    }

    /// <summary>
    /// Finds the label and the task. A categorical or boolean label is a classification; a numeric label is binary with
    /// two values, multiclass with 3 to 20 integer values, otherwise regression. Refuses an unknown column (listing the
    /// columns), a label with no values, or a label with one class.
    /// </summary>
    public static Target Detect(Table table, string labelColumn, TaskKind? task = null, string? positiveClass = null)
    {
        if (task == TaskKind.Anomaly) return Anomaly(table, labelColumn, positiveClass);
        var index = table.Schema.TryIndexOf(labelColumn);
        if (index < 0)
            throw new KeelLearnException($"The label column '{labelColumn}' does not exist. The columns are: {string.Join(", ", table.Schema.Names)}.");
        var column = table[index];
        var values = LabelValues(column);
        if (values.Count == 0)
            throw new KeelLearnException($"The label column '{labelColumn}' has no values: every row is missing.");

        var detected = task ?? DetectTask(column, values);
        if (detected == TaskKind.Regression)
        {
            if (column.Type != ColumnType.Numeric)
                throw new KeelLearnException($"The label column '{labelColumn}' is {column.Type.ToString().ToLowerInvariant()}, not numeric: it cannot be a regression target. Use --task binary or multiclass.");
            return new Target(labelColumn, TaskKind.Regression, []);
        }

        var classes = OrderClasses(column, values);
        if (classes.Count < 2)
            throw new KeelLearnException($"The label column '{labelColumn}' has only one class ('{classes[0]}'): a classifier needs at least two. Check the file or the label column.");
        if (detected == TaskKind.Binary && classes.Count > 2)
            throw new KeelLearnException($"--task binary needs a label with two classes; '{labelColumn}' has {classes.Count} ({string.Join(", ", classes.Take(10))}). Use --task multiclass.");
        if (detected == TaskKind.Multiclass && classes.Count > 200)
            throw new KeelLearnException($"The label column '{labelColumn}' has {classes.Count} classes; Keel trains up to 200. Is it the right column, or a regression target (--task regression)?");
        if (positiveClass is not null)
        {
            if (detected != TaskKind.Binary) throw new KeelLearnException("--positive applies to binary tasks only.");
            if (!classes.Contains(positiveClass))
                throw new KeelLearnException($"--positive '{positiveClass}' is not a class of '{labelColumn}'. The classes are: {string.Join(", ", classes)}.");
            classes = [classes.First(c => c != positiveClass), positiveClass];
        }
        return new Target(labelColumn, detected, classes);
    }

    private static TaskKind DetectTask(Column column, List<string> values)
    {
        if (column.Type != ColumnType.Numeric) return values.Count == 2 ? TaskKind.Binary : TaskKind.Multiclass;
        if (values.Count == 2) return TaskKind.Binary;
        var n = (NumericColumn)column;
        var integers = true;
        foreach (var v in n.Values) if (!double.IsNaN(v) && v != Math.Floor(v)) { integers = false; break; }
        return integers && values.Count <= 20 ? TaskKind.Multiclass : TaskKind.Regression;
    }

    private static List<string> LabelValues(Column column)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < column.Length && set.Count <= 1000; i++)
            if (column.FormatValue(i) is { } v) set.Add(v);
        return set.ToList();
    }

    private static List<string> OrderClasses(Column column, List<string> values) =>
        column.Type == ColumnType.Numeric
            ? values.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : column.Type == ColumnType.Boolean
                ? values.OrderBy(v => v == "true").ToList()
                : values.OrderBy(v => v, StringComparer.Ordinal).ToList();

    /// <summary>The rows of <paramref name="labels"/> (from <see cref="Encode"/>) that have a label: a value, or a class the target knows.</summary>
    public int[] LabelledRows(double[] labels) =>
        Enumerable.Range(0, labels.Length).Where(i => Task == TaskKind.Regression ? !double.IsNaN(labels[i]) : labels[i] >= 0).ToArray();

    /// <summary>
    /// The label of each row as a class index (classifiers) or value (regression); -1 or NaN where the label is missing
    /// or, at prediction time, a class the model never saw.
    /// </summary>
    public double[] Encode(Table table)
    {
        if (!HasLabel) throw new KeelLearnException("This anomaly detector was trained without a label: there are no labels to read.");
        var column = table[Column];
        var result = new double[column.Length];
        if (Task == TaskKind.Regression)
        {
            if (column is not NumericColumn n)
                throw new KeelLearnException($"The label column '{Column}' must be numeric for this regression model; it is {column.Type}.");
            n.Values.CopyTo(result);
            return result;
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < Classes.Count; k++) index[Classes[k]] = k;
        for (var i = 0; i < result.Length; i++)
            result[i] = column.FormatValue(i) is { } v && index.TryGetValue(v, out var k) ? k : -1;
        return result;
    }
}
