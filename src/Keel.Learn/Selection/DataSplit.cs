namespace Keel.Learn.Selection;

/// <summary>
/// Seeded row splits. Classification splits are stratified: each class keeps its share in every part, as
/// scikit-learn's StratifiedShuffleSplit and StratifiedKFold do. Regression splits shuffle.
/// </summary>
public static class DataSplit
{
    /// <summary>Rows for training and for testing; the test part holds <paramref name="testFraction"/> of each class.</summary>
    public static (int[] Train, int[] Test) TrainTest(double[] labels, TaskKind task, double testFraction = 0.2, int seed = 42)
    {
        if (testFraction is <= 0 or >= 1)
            throw new KeelLearnException($"The test fraction must be between 0 and 1 (exclusive); it is {testFraction}.");
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Groups(labels, task))
        {
            var rows = Shuffle(group, random);
            var nTest = (int)Math.Round(rows.Length * testFraction);
            if (rows.Length >= 2) nTest = Math.Clamp(nTest, 1, rows.Length - 1);
            test.AddRange(rows.Take(nTest));
            train.AddRange(rows.Skip(nTest));
        }
        train.Sort();
        test.Sort();
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>k folds; fold f's rows are its validation part, the rest its training part.</summary>
    public static int[][] KFold(double[] labels, TaskKind task, int folds = 5, int seed = 42)
    {
        if (folds < 2) throw new KeelLearnException($"Cross-validation needs at least 2 folds; {folds} were asked.");
        if (labels.Length < folds) throw new KeelLearnException($"{folds} folds need at least {folds} rows; there are {labels.Length}.");
        var random = new Random(seed);
        var parts = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        var next = 0;
        foreach (var group in Groups(labels, task))
            foreach (var row in Shuffle(group, random))
                parts[next++ % folds].Add(row);
        return parts.Select(p => p.Order().ToArray()).ToArray();
    }

    private static IEnumerable<int[]> Groups(double[] labels, TaskKind task)
    {
        var rows = Enumerable.Range(0, labels.Length);
        return task == TaskKind.Regression
            ? [rows.ToArray()]
            : rows.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray());
    }

    private static int[] Shuffle(int[] rows, Random random)
    {
        var copy = (int[])rows.Clone();
        random.Shuffle(copy);
        return copy;
    }
}
