using Keel.Learn.Evaluation;
using Keel.Reports;
using Keel.Tuning.AutoMl;

namespace Keel.Cli.Commands;

/// <summary>The report of an AutoML run: the chosen model's training report, with permutation importance on a sample of the held-out rows.</summary>
internal static class AutoMlReport
{
    /// <summary>Rows of the held-out part permutation importance is computed on: an ensemble scores every row through every fold model.</summary>
    private const int ImportanceRows = 1000;

    public static string Build(AutoMlOutcome outcome)
    {
        var test = outcome.Test.RowCount <= ImportanceRows ? outcome.Test : outcome.Test.Take(Enumerable.Range(0, ImportanceRows).ToArray());
        var importance = PermutationImportance.Compute(outcome.Bundle.Model, test, repeats: 1, seed: outcome.Bundle.Manifest.Seed);
        return TrainingReport.Build(outcome.Bundle, importance, new ReportWording()).Render();
    }
}
