using Keel.Data;

namespace Keel.Monitoring.Drift;

/// <summary>
/// Batch data drift between a reference table and a current one, as Evidently's data drift preset decides it: each
/// column gets the test named for it or Evidently's default (<see cref="DriftTest"/>), missing values are left out of
/// the tests and counted, p-values are optionally adjusted for the number of columns, and the data set drifted when
/// the share of drifted columns reaches <see cref="DatasetDriftOptions.DriftShare"/>
/// (<c>get_dataset_drift</c>, <c>evidently/legacy/calculations/data_drift.py</c>). Pure computation: columns are
/// tested in parallel, and the results do not depend on the thread count.
/// </summary>
/// <example>
/// <code>
/// var reference = new Table([new NumericColumn("age", [31, 45, 27, 52, 38, 41, 29, 60]), CategoricalColumn.FromStrings("plan", ["a", "b", "a", "a", "b", "a", "b", "a"])]);
/// var current = new Table([new NumericColumn("age", [55, 61, 58, 49, 63, 57, 66, 52]), CategoricalColumn.FromStrings("plan", ["a", "b", "b", "a", "b", "a", "b", "b"])]);
/// var drift = DatasetDrift.Detect(reference, current);
/// // drift["age"].Test == "ks", drift["age"].Drifted == true; drift["plan"].Test == "z", drift["plan"].Drifted == false
/// // drift.DriftedShare == 0.5, drift.Drifted == true
/// </code>
/// </example>
public static class DatasetDrift
{
    public static DatasetDriftResult Detect(Table reference, Table current, DatasetDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DatasetDriftOptions();
        var plan = Plan(reference, current, options);

        var results = new ColumnDriftResult[plan.Length];
        var more = new ColumnDriftResult[plan.Length][];
        var also = (options.AlsoRun ?? []).Select(n => DriftTest.Find(n)!).ToArray();
        var failures = new string?[plan.Length];
        Parallel.For(0, plan.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, i =>
        {
            var (column, named, threshold) = plan[i];
            try
            {
                var sample = ColumnSample.Build(reference[column], current[column]);
                var test = named ?? DefaultDriftTest.For(sample);
                results[i] = test.Compute(sample, threshold ?? test.DefaultThreshold);
                var kind = ColumnSample.KindOf(reference[column].Type);
                more[i] = [.. also.Where(t => kind is { } k && t.ColumnKinds.Contains(k)).Select(t => t.Compute(sample, t.DefaultThreshold))];
            }
            catch (KeelDataException e)
            {
                failures[i] = e.Message;
            }
        });
        var failed = failures.Where(f => f is not null).ToArray();
        if (failed.Length > 0) throw new KeelDataException(string.Join(" ", failed));

        Correct(results, options.Correction);
        var drifted = results.Count(r => r.Drifted);
        return new DatasetDriftResult
        {
            Columns = results,
            DriftedColumns = drifted,
            DriftShare = options.DriftShare,
            Drifted = (double)drifted / results.Length >= options.DriftShare,
            Correction = options.Correction,
            AlsoRun = [.. more.SelectMany(m => m)],
        };
    }

    /// <summary>Each column to test with its named test and threshold (null: decided by the data), or one error listing every problem.</summary>
    private static (string Column, DriftTest? Test, double? Threshold)[] Plan(Table reference, Table current, DatasetDriftOptions options)
    {
        var problems = options.Validate().ToList();
        var columns = options.Columns
            ?? reference.Schema.Columns
                .Where(c => c.Role is not (ColumnRole.Id or ColumnRole.Ignore) && ColumnSample.KindOf(c.Type) is not null)
                .Select(c => c.Name)
                .ToList();
        if (columns.Count == 0) problems.Add("There is no column to test: the reference has no numeric, categorical or boolean feature column. Name the columns with Columns.");

        var plan = new List<(string, DriftTest?, double?)>();
        foreach (var name in columns.Distinct(StringComparer.Ordinal))
        {
            var inReference = reference.Schema.Contains(name);
            var inCurrent = current.Schema.Contains(name);
            if (!inReference || !inCurrent)
            {
                problems.Add($"Column '{name}' is not in the {(inReference ? "current" : inCurrent ? "reference" : "reference or the current")} data.");
                continue;
            }
            ColumnType referenceType = reference[name].Type, currentType = current[name].Type;
            if (referenceType != currentType)
            {
                problems.Add(ColumnSample.TypeMismatch(name, referenceType, currentType));
                continue;
            }
            if (ColumnSample.KindOf(referenceType) is not { } kind)
            {
                problems.Add($"Column '{name}' holds {referenceType.ToString().ToLowerInvariant()} values; drift tests apply to numeric, categorical and boolean columns.");
                continue;
            }
            var testName = options.ColumnTests?.GetValueOrDefault(name) ?? (kind == DriftColumnKind.Numeric ? options.NumericTest : options.CategoricalTest);
            var test = testName is null ? null : DriftTest.Find(testName);
            if (testName is not null && test is null) continue; // reported by Validate
            if (test is not null && !test.ColumnKinds.Contains(kind))
            {
                problems.Add(test.NotApplicable(name, kind));
                continue;
            }
            double? threshold = options.ColumnThresholds is not null && options.ColumnThresholds.TryGetValue(name, out var own) ? own : options.Threshold;
            if (threshold is { } t)
            {
                // Without a named test the threshold must suit every test the default rule may choose, p-value tests included.
                var problem = test is not null ? test.ThresholdProblem(name, t)
                    : t is > 0 and < 1 ? null
                    : $"The threshold of column '{name}' must be between 0 and 1 exclusive, because the default rule may test it with a p-value test; it is {t}. Name its test to use a distance threshold.";
                if (problem is not null) problems.Add(problem);
            }
            plan.Add((name, test, threshold));
        }
        var tested = columns.ToHashSet(StringComparer.Ordinal);
        foreach (var name in (options.ColumnTests?.Keys ?? []).Concat(options.ColumnThresholds?.Keys ?? []).Distinct(StringComparer.Ordinal))
            if (!tested.Contains(name))
                problems.Add($"ColumnTests or ColumnThresholds name column '{name}', which is not among the columns tested ({string.Join(", ", columns)}).");
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
        return [.. plan];
    }

    /// <summary>Adjusts the p-value tests' p-values together and decides their drift again on the adjusted values.</summary>
    private static void Correct(ColumnDriftResult[] results, MultipleTestingCorrection correction)
    {
        if (correction == MultipleTestingCorrection.None) return;
        var tested = Enumerable.Range(0, results.Length).Where(i => results[i].PValue is not null).ToArray();
        if (tested.Length == 0) return;
        var adjusted = PValueCorrection.Adjust(tested.Select(i => results[i].PValue!.Value).ToArray(), correction);
        for (var k = 0; k < tested.Length; k++)
        {
            var r = results[tested[k]];
            var test = DriftTest.Find(r.Test)!;
            results[tested[k]] = r with { AdjustedPValue = adjusted[k], Drifted = test.IsDrift(adjusted[k], r.Threshold) };
        }
    }
}
