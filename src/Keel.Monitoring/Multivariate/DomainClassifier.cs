using Keel.Data;
using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Learn.Featurization;
using Keel.Learn.Metrics;
using Keel.Learn.Models;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// Multivariate drift by a domain classifier (Rabanser, Günnemann and Lipton 2019, "Failing Loudly", §3; NannyML's
/// DomainClassifierCalculator): can a model tell the reference rows from the current ones? Up to
/// <see cref="DomainClassifierOptions.MaxRows"/> rows are drawn from each table and labelled by the table they came
/// from; a small LightGBM learns the label under stratified k-fold cross-validation, and its ROC AUC on the rows each
/// fold held out says how far apart the tables are: 0.5 when they cannot be told apart, towards 1 as the drift grows.
/// Any change the trees can see counts, a column's own distribution as well as the relations between columns. The
/// columns that gave the classifier away are ranked by permutation importance on the held-out rows: the drop in AUC
/// when a column is shuffled.
/// <para>
/// The classifier is Keel's <see cref="LightGbmTrainer"/> with <see cref="DomainClassifierOptions.Rounds"/> rounds
/// (100) of <see cref="DomainClassifierOptions.Leaves"/> leaves (8) at learning rate 0.1, at least 20 rows a leaf, every
/// row and every feature each round (no bagging), L2 1, 255 bins, on <see cref="DomainClassifierOptions.Threads"/>
/// threads (1). Its features come from one featurization (numbers
/// and booleans as they are, missing values filled and flagged, categories one-hot) fitted, in each fold, on the
/// training rows of both tables together, so a category only one table has gets its own indicator all the same
/// (unless it is rare, when it counts as "other"). Unlike NannyML, categories are one-hot rather than ordinal codes
/// for LightGBM's categorical splits, rows that appear in both tables are kept (NannyML drops such duplicates), and the
/// drift decision is on the mean of the fold AUCs; the pooled out-of-fold AUC NannyML reports is there too.
/// </para>
/// </summary>
/// <example>
/// <code>
/// var result = DomainClassifier.Compare(reference, current);
/// Console.WriteLine(result.Drifted
///     ? $"Drift: AUC {result.Auc:0.00}, given away most by '{result.Columns[0].Column}'"
///     : $"No drift: AUC {result.Auc:0.00}");
/// </code>
/// </example>
public static class DomainClassifier
{
    /// <summary>
    /// Compares the tables. Refuses bad options (every problem in one message), a column that only one table has or
    /// that has different types in the two, a column without any value in either, and a table with fewer rows than
    /// folds.
    /// </summary>
    public static DomainClassifierResult Compare(Table reference, Table current, DomainClassifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DomainClassifierOptions();
        if (options.Problems() is { } problems) throw new ArgumentException(problems, nameof(options));
        var columns = MonitoredColumns.Resolve(reference, current, options.Columns);
        foreach (var (table, which) in new[] { (reference, "reference"), (current, "current data") })
            if (table.RowCount < options.Folds)
                throw new KeelDataException($"The {which} has {table.RowCount} rows; {options.Folds}-fold cross-validation needs at least {options.Folds} from each table.");

        var sample = DomainSample.Draw(reference, current, columns, options.MaxRows, options.Seed);
        var empty = columns.Where(c => sample.Rows[c].MissingCount() == sample.Rows.RowCount).Select(c => $"'{c}'").ToArray();
        if (empty.Length > 0)
            throw new KeelDataException($"Column{(empty.Length > 1 ? "s" : "")} {string.Join(", ", empty)} {(empty.Length > 1 ? "have" : "has")} no values in either table; leave {(empty.Length > 1 ? "them" : "it")} out of Columns.");

        var target = new Target(sample.Label, TaskKind.Binary, [DomainSample.ReferenceClass, DomainSample.CurrentClass]);
        var trainer = new LightGbmTrainer
        {
            Iterations = options.Rounds,
            LearningRate = options.LearningRate,
            Leaves = options.Leaves,
            MinRowsPerLeaf = 20,
            FeatureFraction = 1,
            BaggingFraction = 1,
            L2 = 1,
            MaxBins = 255,
        };
        var context = new TrainingContext { Seed = options.Seed, Threads = options.Threads, CancellationToken = cancellationToken };
        var folds = DataSplit.KFold(sample.Labels, TaskKind.Binary, options.Folds, options.Seed);
        var labels = sample.Labels.Select(v => (int)v).ToArray();
        var outOfFold = new double[labels.Length];
        var foldAucs = new double[folds.Length];
        var drops = columns.ToDictionary(c => c, _ => new double[folds.Length], StringComparer.Ordinal);
        var inFold = new bool[labels.Length];
        for (var f = 0; f < folds.Length; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(inFold);
            foreach (var i in folds[f]) inFold[i] = true;
            var train = Enumerable.Range(0, labels.Length).Where(i => !inFold[i]).ToArray();
            var model = trainer.Fit(sample.Rows.Take(train), target, context);
            var held = model.Features.Transform(sample.Rows.Take(folds[f]));
            var y = folds[f].Select(i => labels[i]).ToArray();
            var p = model.Predict(held).PositiveProbabilities();
            for (var k = 0; k < p.Length; k++) outOfFold[folds[f][k]] = p[k];
            foldAucs[f] = BinaryMetrics.RocAuc(y, p);
            foreach (var (column, drop) in PermutationDrops(model, held, y, foldAucs[f], options.ImportanceRepeats, new Random(options.Seed + f)))
                drops[column][f] = drop;
        }

        var auc = foldAucs.Average();
        var ranked = drops
            .Select(d => (Column: d.Key, Mean: d.Value.Average(), Values: d.Value))
            .Select(d => new ColumnImportance(d.Column, d.Mean, Math.Sqrt(d.Values.Sum(v => (v - d.Mean) * (v - d.Mean)) / d.Values.Length)))
            .OrderByDescending(c => c.Mean).ThenBy(c => c.Column, StringComparer.Ordinal)
            .ToArray();
        return new DomainClassifierResult(auc, foldAucs, BinaryMetrics.RocAuc(labels, outOfFold), options.Threshold, auc >= options.Threshold,
            ranked, sample.ReferenceRows, sample.CurrentRows);
    }

    /// <summary>
    /// Permutation importance on held-out rows (Breiman 2001; scikit-learn's <c>permutation_importance</c>): per input
    /// column, the AUC minus the AUC once the column's rows are shuffled, averaged over the repeats. A column's
    /// features (a number and its missing flag, or a category's indicators) move together, which is shuffling the
    /// column itself, on features already computed.
    /// </summary>
    private static IEnumerable<(string Column, double Drop)> PermutationDrops(Model model, FeatureMatrix held, int[] y, double baseline, int repeats, Random random)
    {
        var width = held.Columns;
        var offset = 0;
        var shuffled = new float[held.Values.Length];
        var order = new int[held.Rows];
        foreach (var encoding in model.Features.Encodings)
        {
            var count = encoding.FeatureNames.Count;
            double drop = 0;
            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < order.Length; i++) order[i] = i;
                random.Shuffle(order);
                held.Values.CopyTo(shuffled, 0);
                for (var i = 0; i < order.Length; i++)
                    Array.Copy(held.Values, order[i] * width + offset, shuffled, i * width + offset, count);
                var p = model.Predict(new FeatureMatrix(shuffled, held.Rows, held.Names)).PositiveProbabilities();
                drop += baseline - BinaryMetrics.RocAuc(y, p);
            }
            yield return (encoding.Column, drop / repeats);
            offset += count;
        }
    }
}
