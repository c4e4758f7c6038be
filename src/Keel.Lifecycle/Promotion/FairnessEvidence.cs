using Keel.Data;
using Keel.Learn.Models;

namespace Keel.Lifecycle.Promotion;

/// <summary>The fairness measures a policy can limit, for a model's decisions on labelled data, per sensitive column.</summary>
internal static class FairnessEvidence
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measured>> Measure(Model model, Table data, IReadOnlyList<string> columns) =>
        throw new NotSupportedException("wired to Keel.Fairness measures");
}
