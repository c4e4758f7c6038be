using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>One input column's part in a prediction: its value in the row and its SHAP value (raw score units).</summary>
public sealed record Contribution(string Column, string? Value, double Shap);

/// <summary>
/// Why one row got its prediction: the output explained (the positive class, the predicted class of a multiclass
/// model, the value, or an anomaly detector's raw score), the base value, the raw score, and every column's contribution, largest |SHAP| first.
/// </summary>
public sealed record RowExplanation(int Row, string Prediction, string Explained, double BaseValue, double RawScore, IReadOnlyList<Contribution> Contributions)
{
    /// <summary>What an Isolation Forest's explanation explains: the expected path length (shorter = more anomalous).</summary>
    public const string PathLength = "expected path length";

    /// <summary>Explains row <paramref name="row"/> of <paramref name="rows"/> from its column SHAP values and predictions.</summary>
    public static RowExplanation Of(Table rows, ShapValues byColumn, Predictions predictions, Target target, int row)
    {
        var (output, explained, prediction) = predictions.Task switch
        {
            TaskKind.Binary => (0, $"{target.Column} = {target.Classes[1]}",
                string.Create(CultureInfo.InvariantCulture, $"{predictions.Labels![row]} (P({target.Classes[1]}) = {predictions.Probability(row, 1):0.###})")),
            TaskKind.Multiclass => Multiclass(predictions, target, row),
            TaskKind.Anomaly => (0, PathLength,
                string.Create(CultureInfo.InvariantCulture, $"anomaly score {predictions.Values![row]:0.###}{(predictions.Anomalies![row] ? ", flagged as an anomaly" : ", not flagged")}")),
            _ => (0, target.Column, predictions.Values![row].ToString("G6", CultureInfo.InvariantCulture)),
        };
        var contributions = byColumn.Features
            .Select((column, f) => new Contribution(column, rows.Schema.TryIndexOf(column) >= 0 ? rows[column].FormatValue(row) : null, byColumn[row, f, output]))
            .OrderByDescending(c => Math.Abs(c.Shap)).ThenBy(c => c.Column, StringComparer.Ordinal)
            .ToArray();
        return new RowExplanation(row, prediction, explained, byColumn.BaseValue[output], byColumn.Total(row, output), contributions);
    }

    private static (int, string, string) Multiclass(Predictions predictions, Target target, int row)
    {
        var label = predictions.Labels![row];
        var k = target.Classes.ToList().IndexOf(label);
        return (k, $"{target.Column} = {label}", string.Create(CultureInfo.InvariantCulture, $"{label} (P = {predictions.Probability(row, k):0.###})"));
    }
}
