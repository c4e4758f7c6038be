using System.Globalization;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Monitoring;
using Keel.Store;

namespace Keel.Serving.Monitoring;

/// <summary>
/// Monitors one stretch of a model version's prediction log: rebuilds its rows (<see cref="LoggedRows"/>), joins the
/// labels that arrived as feedback, and runs <see cref="ModelMonitor"/> against the bundle's profile and held-out
/// predictions (CBPE needs no reference file when the bundle keeps them). When only some
/// rows have labels, realized performance is computed over those rows alone (ModelMonitor needs every row of its
/// input labelled), and a note says how many they were.
/// </summary>
internal static class LogMonitor
{
    public static MonitoringResult Run(ModelBundle bundle, Table? reference, IReadOnlyList<PredictionRecord> entries, IReadOnlyDictionary<string, string> labels, int window)
    {
        var model = bundle.Model;
        var logged = LoggedRows.Build(model, bundle.Profile, entries, labels);
        var current = logged.Table;
        var profile = LoggedRows.Reference(bundle.Profile, model, current);
        var options = new MonitoringOptions { Window = window, Value = bundle.Model.Target.Task == Keel.Learn.TaskKind.Binary ? bundle.Decision?.Value : null };
        var label = model.Target.Column;
        MonitoringResult result;
        if (logged.Labelled == 0 || logged.Labelled == current.RowCount)
            result = ModelMonitor.Run(model, profile, reference, current, options, bundle.Reference);
        else
        {
            var withLabel = current[label];
            var rows = Enumerable.Range(0, current.RowCount).Where(r => !withLabel.IsMissing(r)).ToArray();
            var all = ModelMonitor.Run(model, profile, reference, current.Select(current.Schema.Names.Where(n => n != label)), options, bundle.Reference);
            var labelled = ModelMonitor.Run(model, profile, reference, current.Take(rows), options with { Multivariate = false }, bundle.Reference);
            result = all with
            {
                Realized = labelled.Realized,
                Notes = [.. all.Notes.Where(labelled.Notes.Contains), string.Create(CultureInfo.InvariantCulture,
                    $"Realized performance is over the {rows.Length:N0} of {current.RowCount:N0} rows whose labels have arrived as feedback; its windows count those rows only.")],
            };
        }
        if (logged.MismatchedFeedback > 0)
            result = result with
            {
                Notes = [.. result.Notes, string.Create(CultureInfo.InvariantCulture,
                    $"{logged.MismatchedFeedback:N0} requests have feedback whose number of labels is not their number of rows; send one label per row. They count as unlabelled.")],
            };
        return result;
    }
}
