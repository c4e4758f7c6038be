using Keel.Data;
using Keel.Monitoring.Performance;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// Multivariate drift by PCA reconstruction error (NannyML's <c>DataReconstructionDriftCalculator</c>). Fitted on the
/// reference: missing values are imputed (the mean of a number, the most frequent category), categories and booleans
/// become their frequency in the reference (count encoding, 0 for a category never seen), every column is standardized,
/// and PCA keeps the components that explain <see cref="DataReconstructionDriftOptions.VarianceKept"/> of the variance.
/// A row's error is the Euclidean distance between its standardized values and their reconstruction from those
/// components; a chunk's error is the mean over its rows. When the relations between columns change, say two columns
/// that moved together stop doing so, the components no longer describe the rows and the error rises, even where no
/// column's own distribution moved. A chunk alerts when its error leaves the band the reference's chunks of the same
/// size keep to: their mean ± <see cref="DataReconstructionDriftOptions.BandWidth"/> standard deviations.
/// <para>
/// Matches NannyML (nannyml/drift/multivariate/data_reconstruction/calculator.py) with scikit-learn's
/// SimpleImputer, StandardScaler and PCA and category_encoders' CountEncoder(normalize=True); a test pins the row and
/// chunk errors to scikit-learn 1.2 within 1e-9. The band uses the population standard deviation of the reference
/// chunks, as NannyML's StandardDeviationThreshold (<c>np.std</c>) does, where Keel's performance bands use n − 1; it
/// is worked out for whatever chunk size is asked, where NannyML fixes it at fitting. Chunks are consecutive runs of
/// rows, a last one shorter than half a chunk joining the one before (<see cref="PerformanceBands.Windows"/>; NannyML
/// keeps it apart). Booleans are counted as categories, as NannyML treats pandas' bool columns.
/// </para>
/// </summary>
/// <example>
/// <code>
/// var drift = DataReconstructionDrift.Fit(reference);
/// foreach (var chunk in drift.Calculate(current, chunkSize: 500))
///     Console.WriteLine($"rows {chunk.Start}-{chunk.Start + chunk.Rows - 1}: error {chunk.Error:0.000}, band up to {chunk.UpperThreshold:0.000}{(chunk.Alert ? ", drift" : "")}");
/// </code>
/// </example>
public sealed class DataReconstructionDrift
{
    private readonly ReconstructionColumn[] _columns;
    private readonly PrincipalSubspace _subspace;
    private readonly double[] _referenceErrors;

    private DataReconstructionDrift(DataReconstructionDriftOptions options, ReconstructionColumn[] columns, PrincipalSubspace subspace, double[] referenceErrors)
    {
        Options = options;
        _columns = columns;
        _subspace = subspace;
        _referenceErrors = referenceErrors;
    }

    public DataReconstructionDriftOptions Options { get; }

    /// <summary>The columns reconstructed, in order.</summary>
    public IReadOnlyList<string> Columns => _columns.Select(c => c.Name).ToArray();

    /// <summary>How many principal components were kept.</summary>
    public int Components => _subspace.Count;

    /// <summary>The share of the reference's variance each kept component explains, largest first.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio => _subspace.ExplainedVarianceRatio;

    /// <summary>Rows of the reference.</summary>
    public int ReferenceRows => _referenceErrors.Length;

    /// <summary>
    /// Learns the imputation, encoding, scaling and principal components from the reference. Refuses bad options, a
    /// reference of fewer than 2 rows, a listed column that is missing or of another type than numeric, categorical or
    /// boolean, and a column with no values, naming every problem.
    /// </summary>
    public static DataReconstructionDrift Fit(Table reference, DataReconstructionDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new DataReconstructionDriftOptions();
        if (options.Problems() is { } problems) throw new ArgumentException(problems, nameof(options));
        var names = MonitoredColumns.Resolve(reference, null, options.Columns);
        if (reference.RowCount < 2)
            throw new KeelDataException($"The reference has {reference.RowCount} row(s); principal components need at least 2.");
        var columns = names.Select(n => ReconstructionColumn.Fit(reference[n])).ToArray();
        var standardized = columns.Select(c => c.Standardize(reference[c.Name])).ToArray();
        var subspace = PrincipalSubspace.Fit(standardized, options.VarianceKept);
        return new DataReconstructionDrift(options, columns, subspace, subspace.Errors(standardized));
    }

    /// <summary>The reconstruction error of every row. Extra columns are ignored; a missing one is refused.</summary>
    public double[] RowErrors(Table data)
    {
        ArgumentNullException.ThrowIfNull(data);
        MonitoredColumns.Require(data, _columns.Select(c => (c.Name, c.Type)).ToArray());
        return _subspace.Errors(_columns.Select(c => c.Standardize(data[c.Name])).ToArray());
    }

    /// <summary>The reconstruction error of the reference's own rows.</summary>
    public IReadOnlyList<double> ReferenceRowErrors => _referenceErrors;

    /// <summary>
    /// The thresholds for chunks of <paramref name="chunkSize"/> rows: the mean of the reference's chunk errors ±
    /// <see cref="DataReconstructionDriftOptions.BandWidth"/> times their population standard deviation (NumPy's
    /// <c>np.std</c>, as NannyML's StandardDeviationThreshold uses). A lower threshold below 0 is null. The reference must
    /// give at least 2 chunks.
    /// </summary>
    public (double? Lower, double Upper) Thresholds(int chunkSize)
    {
        var windows = Windows(_referenceErrors.Length, chunkSize);
        if (windows.Count < 2)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize,
                $"The reference's {_referenceErrors.Length} rows give {windows.Count} chunk of {chunkSize} rows; thresholds need at least 2 (NannyML advises 6 or more). Use a smaller chunk size.");
        var means = windows.Select(w => Mean(_referenceErrors.AsSpan(w.Start, w.Rows))).ToArray();
        var mean = means.Average();
        var sd = Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / means.Length);
        var lower = mean - Options.BandWidth * sd;
        return (lower < 0 ? null : lower, mean + Options.BandWidth * sd);
    }

    /// <summary>The error of each chunk of <paramref name="chunkSize"/> rows of <paramref name="current"/>, against the reference's band.</summary>
    public IReadOnlyList<ReconstructionChunk> Calculate(Table current, int chunkSize) => Chunks(RowErrors(current), chunkSize);

    /// <summary>The reference's own chunks against its band: where the thresholds came from.</summary>
    public IReadOnlyList<ReconstructionChunk> Reference(int chunkSize) => Chunks(_referenceErrors, chunkSize);

    private List<ReconstructionChunk> Chunks(double[] errors, int chunkSize)
    {
        var (lower, upper) = Thresholds(chunkSize);
        var chunks = new List<ReconstructionChunk>();
        foreach (var (start, rows) in Windows(errors.Length, chunkSize))
        {
            var slice = errors.AsSpan(start, rows);
            var mean = Mean(slice);
            var sampling = SamplingError(slice, mean);
            var alert = !((lower is not { } l || l < mean) && mean < upper);
            chunks.Add(new ReconstructionChunk(chunks.Count, start, rows, mean, sampling,
                Math.Max(mean - 3 * sampling, 0), mean + 3 * sampling, lower, upper, alert));
        }
        return chunks;
    }

    private static IReadOnlyList<(int Start, int Rows)> Windows(int rows, int chunkSize)
    {
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "A chunk needs at least one row.");
        return PerformanceBands.Windows(rows, chunkSize);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>NannyML's sampling error: the chunk's standard deviation (n − 1) over √n.</summary>
    private static double SamplingError(ReadOnlySpan<double> values, double mean)
    {
        if (values.Length < 2) return double.NaN;
        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Length - 1)) / Math.Sqrt(values.Length);
    }
}
