using Keel.Learn.Evaluation;

namespace Keel.Monitoring.Performance;

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE) for binary classifiers: how well the model does before
/// the labels arrive. With calibrated probabilities p and decisions ŷ = [p ≥ threshold], each row is expected to be a
/// true positive with probability p when ŷ = 1 (a false positive with 1 − p), a true negative with 1 − p when ŷ = 0
/// (a false negative with p); summing gives the expected confusion matrix, hence accuracy, precision, recall,
/// specificity and F1. ROC AUC comes from the expected true- and false-positive rates at every distinct score.
/// <para>
/// Probabilities are calibrated on the reference with isotonic regression when cross-validation on the reference
/// shows it lowers the calibration error (<see cref="CalibrationChoice.Auto"/>). Alert bands come from the realized
/// metrics of the reference cut into windows of the same size. CBPE holds under covariate shift (P(X) changes,
/// P(y | X) does not); it cannot see concept drift, and it needs the shift to stay where the model saw training data.
/// </para>
/// </summary>
/// <example>
/// <code>
/// var cbpe = Cbpe.Fit(referenceProbabilities, referenceLabels, chunkSize: 1000);
/// foreach (var chunk in cbpe.Chunks(currentProbabilities))
///     Console.WriteLine($"{chunk.Start}: accuracy ≈ {chunk.Metrics["accuracy"]:0.000} {string.Join(",", chunk.Alerts)}");
/// </code>
/// </example>
public sealed class Cbpe
{
    private readonly CbpeOptions _options;

    private Cbpe(CbpeOptions options, int chunkSize, IsotonicCalibrator? calibrator, IReadOnlyDictionary<string, (double Lower, double Upper)> bands,
        double uncalibratedError, double calibratedError)
    {
        _options = options;
        ChunkSize = chunkSize;
        Calibrator = calibrator;
        Bands = bands;
        UncalibratedError = uncalibratedError;
        CalibratedError = calibratedError;
    }

    public int ChunkSize { get; }

    /// <summary>The calibrator applied to probabilities, or null when they are used as they are.</summary>
    public IsotonicCalibrator? Calibrator { get; }

    /// <summary>The reference's calibration error (10 equal-width bins of P(positive)) as the model gives it.</summary>
    public double UncalibratedError { get; }

    /// <summary>The same error after cross-validated isotonic calibration (NaN when calibration was not considered).</summary>
    public double CalibratedError { get; }

    /// <summary>Per metric, the band the reference windows kept to.</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Bands { get; }

    /// <summary>Fits CBPE on reference rows whose labels (0/1) are known.</summary>
    public static Cbpe Fit(ReadOnlySpan<double> referenceProbabilities, ReadOnlySpan<int> referenceLabels, int chunkSize, CbpeOptions? options = null)
    {
        options ??= new CbpeOptions();
        if (options.Problems() is { } problems) throw new ArgumentException(problems, nameof(options));
        if (referenceProbabilities.Length != referenceLabels.Length)
            throw new ArgumentException($"The reference has {referenceProbabilities.Length} probabilities but {referenceLabels.Length} labels.");
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "A window needs at least one row.");
        var positives = 0;
        foreach (var y in referenceLabels)
        {
            if (y is not (0 or 1)) throw new ArgumentException($"Reference labels must be 0 or 1; found {y}.");
            positives += y;
        }
        if (positives == 0 || positives == referenceLabels.Length)
            throw new ArgumentException("The reference needs both classes among its labels to calibrate and to set alert bands.");
        var p = referenceProbabilities.ToArray();
        var labels = referenceLabels.ToArray();
        var outcomes = labels.Select(y => (double)y).ToArray();
        var uncalibrated = CalibrationError(p, labels);
        var calibrated = double.NaN;
        IsotonicCalibrator? calibrator = null;
        if (options.Calibration != CalibrationChoice.Never)
        {
            calibrated = CrossValidatedError(p, labels, options.Folds, options.Seed);
            if (options.Calibration == CalibrationChoice.Always || calibrated < uncalibrated) calibrator = IsotonicCalibrator.Fit(p, outcomes);
        }
        var reference = new List<IReadOnlyDictionary<string, double>>();
        foreach (var (start, rows) in PerformanceBands.Windows(p.Length, chunkSize))
            reference.Add(RealizedPerformance.Binary(labels.AsSpan(start, rows), p.AsSpan(start, rows), options.Threshold, options.Value));
        return new Cbpe(options, chunkSize, calibrator, PerformanceBands.From(reference, options.BandWidth), uncalibrated, calibrated);
    }

    /// <summary>The expected confusion matrix of rows with these (uncalibrated) probabilities.</summary>
    public ConfusionEstimate ExpectedConfusion(ReadOnlySpan<double> probabilities)
    {
        double tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var score in probabilities)
        {
            var p = Calibrated(score);
            if (double.IsNaN(p)) continue;
            if (score >= _options.Threshold) { tp += p; fp += 1 - p; }
            else { fn += p; tn += 1 - p; }
        }
        return new ConfusionEstimate(tp, fp, tn, fn);
    }

    /// <summary>
    /// Estimated accuracy, precision, recall, specificity, F1 and ROC AUC of rows with these probabilities; with a KPI
    /// (<see cref="CbpeOptions.Value"/>), its expected value per decision: Σ expected outcome × its value over the rows
    /// (NannyML's estimated business value, normalized per prediction).
    /// </summary>
    public Dictionary<string, double> Estimate(ReadOnlySpan<double> probabilities)
    {
        var confusion = ExpectedConfusion(probabilities);
        var metrics = RealizedPerformance.Metrics(confusion);
        metrics[MetricNames.RocAuc] = EstimatedRocAuc(probabilities);
        if (_options.Value is { } value) metrics[Keel.Learn.Decisions.DecisionValue.MetricName] = value.PerDecision(confusion.ToBinary());
        return metrics;
    }

    /// <summary>
    /// The estimate per window of <see cref="ChunkSize"/> rows, with alerts against the reference bands; given labels
    /// (0/1, e.g. for a back-test), each window also carries its realized metrics.
    /// </summary>
    public IReadOnlyList<PerformanceChunk> Chunks(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels = default)
    {
        if (!labels.IsEmpty && labels.Length != probabilities.Length)
            throw new ArgumentException($"{probabilities.Length} probabilities but {labels.Length} labels.");
        var chunks = new List<PerformanceChunk>();
        foreach (var (start, rows) in PerformanceBands.Windows(probabilities.Length, ChunkSize))
        {
            var slice = probabilities.Slice(start, rows);
            var metrics = Estimate(slice);
            var realized = labels.IsEmpty ? null : RealizedPerformance.Binary(labels.Slice(start, rows), slice, _options.Threshold, _options.Value);
            chunks.Add(new PerformanceChunk(chunks.Count, start, rows, metrics, realized, Bands, PerformanceBands.Alerts(metrics, Bands)));
        }
        return chunks;
    }

    private double Calibrated(double score) => Calibrator?.Calibrate(score) ?? score;

    /// <summary>ROC AUC of the expected rates: at each distinct score, descending, the expected positives (Σ p) and negatives (Σ 1 − p) above it.</summary>
    private double EstimatedRocAuc(ReadOnlySpan<double> probabilities)
    {
        var scores = probabilities.ToArray();
        var calibrated = scores.Select(Calibrated).ToArray();
        Array.Sort(scores, calibrated);
        double positives = 0, negatives = 0;
        foreach (var p in calibrated) { positives += p; negatives += 1 - p; }
        if (positives <= 0 || negatives <= 0) return double.NaN;
        double auc = 0, tp = 0, fp = 0;
        for (var i = scores.Length - 1; i >= 0;)
        {
            var (tpBefore, fpBefore) = (tp, fp);
            var j = i;
            while (j >= 0 && scores[j] == scores[i]) { tp += calibrated[j]; fp += 1 - calibrated[j]; j--; }
            auc += (fp - fpBefore) / negatives * (tp + tpBefore) / 2 / positives;
            i = j;
        }
        return auc;
    }

    /// <summary>Σ over 10 equal-width bins of P(positive) of |mean p − share of positives| × the bin's share of rows.</summary>
    internal static double CalibrationError(ReadOnlySpan<double> p, ReadOnlySpan<int> labels)
    {
        const int bins = 10;
        var count = new int[bins];
        var predicted = new double[bins];
        var observed = new double[bins];
        for (var i = 0; i < p.Length; i++)
        {
            var b = Math.Clamp((int)(p[i] * bins), 0, bins - 1);
            count[b]++;
            predicted[b] += p[i];
            observed[b] += labels[i];
        }
        double error = 0;
        for (var b = 0; b < bins; b++) error += Math.Abs(predicted[b] - observed[b]) / p.Length;
        return error;
    }

    /// <summary>The calibration error of probabilities each calibrated by isotonic regression fitted on the other folds (stratified, seeded).</summary>
    private static double CrossValidatedError(double[] p, int[] labels, int folds, int seed)
    {
        var fold = new int[p.Length];
        var random = new Random(seed);
        foreach (var cls in new[] { 0, 1 })
        {
            var rows = Enumerable.Range(0, p.Length).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(rows);
            for (var k = 0; k < rows.Length; k++) fold[rows[k]] = k % folds;
        }
        var calibrated = new double[p.Length];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, p.Length).Where(i => fold[i] != f).ToArray();
            if (train.Length == 0) continue;
            var calibrator = IsotonicCalibrator.Fit(train.Select(i => p[i]).ToArray(), train.Select(i => (double)labels[i]).ToArray());
            for (var i = 0; i < p.Length; i++) if (fold[i] == f) calibrated[i] = calibrator.Calibrate(p[i]);
        }
        return CalibrationError(calibrated, labels);
    }
}
