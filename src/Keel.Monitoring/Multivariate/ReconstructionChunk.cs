namespace Keel.Monitoring.Multivariate;

/// <summary>
/// One chunk of rows and its data reconstruction error (<see cref="DataReconstructionDrift"/>): the mean over its rows
/// of the distance between each standardized row and its reconstruction from the reference's principal components.
/// </summary>
/// <param name="Index">The chunk's position, from 0.</param>
/// <param name="Start">Its first row.</param>
/// <param name="Rows">How many rows it holds.</param>
/// <param name="Error">The mean reconstruction error of its rows.</param>
/// <param name="SamplingError">
/// The standard error of that mean, NannyML's: the standard deviation of the chunk's row errors (n − 1) over √rows;
/// NaN for a chunk of one row.
/// </param>
/// <param name="LowerConfidence">Error − 3 sampling errors, at least 0 (NannyML's confidence band).</param>
/// <param name="UpperConfidence">Error + 3 sampling errors.</param>
/// <param name="LowerThreshold">
/// The reference chunks' mean − BandWidth standard deviations; null when that falls below 0, which an error cannot, as
/// NannyML drops such a threshold.
/// </param>
/// <param name="UpperThreshold">The reference chunks' mean + BandWidth standard deviations.</param>
/// <param name="Alert">Whether the error is outside the open band (LowerThreshold, UpperThreshold).</param>
public sealed record ReconstructionChunk(
    int Index,
    int Start,
    int Rows,
    double Error,
    double SamplingError,
    double LowerConfidence,
    double UpperConfidence,
    double? LowerThreshold,
    double UpperThreshold,
    bool Alert);
