namespace Keel.Monitoring.Streaming;

/// <summary>
/// A streaming concept-drift detector, as River defines one: it sees one value at a time and says, after each, whether
/// the stream has drifted (and, where the method has one, whether it is in a warning zone). After a drift the next
/// <see cref="Update"/> starts the detector afresh, as River's detectors do.
/// </summary>
public interface IDriftDetector
{
    /// <summary>The detector's name on the command line (<c>adwin</c>, <c>ddm</c>, ...).</summary>
    string Name { get; }

    /// <summary>Whether the last <see cref="Update"/> detected a drift.</summary>
    bool DriftDetected { get; }

    /// <summary>Whether the detector is in its warning zone after the last <see cref="Update"/>; always false for a detector that defines none.</summary>
    bool WarningDetected { get; }

    /// <summary>Takes the stream's next value.</summary>
    void Update(double x);

    /// <summary>Returns the detector to the state it was created in.</summary>
    void Reset();
}
