using Keel.Data;
using Keel.Learn;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Monitoring.Streaming;

/// <summary>The test-then-train loop of <see cref="PrequentialRun.Over"/>, for options it has validated.</summary>
internal sealed class PrequentialLoop(Table table, Target target, double[] labels, ITrainer trainer, PrequentialOptions options, TrainingContext? context)
{
    /// <summary>Rows scored by one model at a time; the rest of a batch is scored again after a refit.</summary>
    private const int Batch = 1000;

    private readonly int _first = options.InitialRows;
    private readonly IDriftDetector? _detector = options.RetrainOnDrift is { } name ? DriftDetectors.Create(name, options.DetectorParameters) : null;
    private readonly List<PrequentialRow> _rows = new(table.RowCount - options.InitialRows);
    private readonly List<PrequentialRetrain> _retrains = [];
    private readonly List<int> _drifts = [];
    private int _model;
    private int _labelledSinceFit;
    private bool _scheduled;
    private bool _drifted;

    public PrequentialRun Run()
    {
        var model = trainer.Fit(Take(Enumerable.Range(0, _first)), target, context);
        var row = _first;
        while (row < table.RowCount)
        {
            var predictions = model.Predict(Take(Enumerable.Range(row, Math.Min(table.RowCount, row + Batch) - row)));
            var positive = options.Payoff is { } payoff ? IndexOf(predictions.Classes, payoff.PositiveClass) : -1;
            var start = row;
            var refit = false;
            while (row < start + predictions.Rows && !refit)
            {
                Score(row, predictions.Labels![row - start], positive < 0 ? double.NaN : predictions.Probability(row - start, positive));
                LabelArrives(row);
                if (options.RetrainEvery > 0 && (row + 1 - _first) % options.RetrainEvery == 0) _scheduled = true;
                if ((_scheduled || _drifted) && _labelledSinceFit >= options.MinNewLabelledRows && row + 1 < table.RowCount)
                {
                    model = Refit(row);
                    refit = true;
                }
                row++;
            }
        }
        return new PrequentialRun(_first, _rows.Select(r => r.Correct).ToArray(), _retrains.Select(r => r.AfterRow).ToArray(), _drifts)
        {
            Rows = _rows,
            Retrains = _retrains,
            Payoff = options.Payoff,
        };
    }

    private void Score(int row, string predicted, double probability)
    {
        var label = target.Classes[(int)labels[row]];
        var (acted, value) = (false, 0.0);
        if (options.Payoff is { } payoff)
        {
            acted = double.IsNaN(probability) ? predicted == payoff.PositiveClass : payoff.Acts(probability);
            value = payoff.ValueOf(acted, label == payoff.PositiveClass);
        }
        _rows.Add(new PrequentialRow(row, _model, predicted, label, row + options.LabelDelay, acted, value));
    }

    /// <summary>After row <paramref name="row"/> is scored, the label of row − LabelDelay arrives.</summary>
    private void LabelArrives(int row)
    {
        var labelled = row - options.LabelDelay;
        if (labelled < _first) return;
        _labelledSinceFit++;
        var scored = _rows[labelled - _first];
        if (_detector is null || scored.Model != _model) return;
        _detector.Update(scored.Correct ? 0 : 1);
        if (!_detector.DriftDetected) return;
        _drifts.Add(row);
        _drifted = true;
    }

    private Model Refit(int row)
    {
        var last = Math.Max(_first - 1, row - options.LabelDelay);
        var recent = Math.Max(options.Window == PrequentialWindow.OriginalPlusRecent ? _first : 0, last + 1 - options.WindowRows);
        var (from, training) = options.Window switch
        {
            PrequentialWindow.Expanding => (0, Enumerable.Range(0, last + 1)),
            PrequentialWindow.OriginalPlusRecent => (recent, Enumerable.Range(0, _first).Concat(Enumerable.Range(recent, last + 1 - recent))),
            _ => (recent, Enumerable.Range(recent, last + 1 - recent)),
        };
        var rows = training.ToArray();
        var reason = string.Join(",", new[] { _scheduled ? "schedule" : null, _drifted ? "drift" : null }.OfType<string>());
        _retrains.Add(new PrequentialRetrain(row, reason, from, last, rows.Length, _labelledSinceFit));
        var model = trainer.Fit(table.Take(rows), target, context);
        _model++;
        _labelledSinceFit = 0;
        _scheduled = _drifted = false;
        _detector?.Reset();
        return model;
    }

    private Table Take(IEnumerable<int> rows) => table.Take(rows.ToArray());

    private static int IndexOf(IReadOnlyList<string> classes, string name)
    {
        for (var k = 0; k < classes.Count; k++) if (classes[k] == name) return k;
        return -1;
    }
}
