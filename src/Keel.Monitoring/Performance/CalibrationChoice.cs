namespace Keel.Monitoring.Performance;

/// <summary>Whether CBPE calibrates the model's probabilities on the reference data before estimating.</summary>
public enum CalibrationChoice
{
    /// <summary>Calibrate when cross-validated isotonic calibration lowers the reference's calibration error (NannyML's rule).</summary>
    Auto,

    /// <summary>Always calibrate with isotonic regression fitted on the whole reference.</summary>
    Always,

    /// <summary>Take the probabilities as they are.</summary>
    Never,
}
