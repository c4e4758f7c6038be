using Keel.Data;
using Keel.Fairness;
using Keel.Fairness.Metrics;
using Keel.Learn.Models;

namespace Keel.Lifecycle.Promotion;

/// <summary>The fairness measures a policy can limit, from a <see cref="FairnessAudit"/> of the model on labelled data.</summary>
internal static class FairnessEvidence
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measured>> Measure(Model model, Table data, IReadOnlyList<string> columns)
    {
        var audit = FairnessAudit.Run(model, data, new FairnessAuditOptions { SensitiveColumns = columns, Intersectional = false, Bootstrap = 0 });
        return columns.ToDictionary(c => c, c => (IReadOnlyDictionary<string, Measured>)audit.Analysis(c).Measures
            .Where(m => m.Method == GroupMethod.BetweenGroups && PolicyReader.LimitableMeasures.Contains(m.Name))
            .ToDictionary(m => m.Name, m => m.Value.Value is { } v ? Measured.Of(v) : Measured.Missing(m.Value.UndefinedReason!)), StringComparer.Ordinal);
    }
}
