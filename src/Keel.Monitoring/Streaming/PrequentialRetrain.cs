namespace Keel.Monitoring.Streaming;

/// <summary>One refit of a <see cref="PrequentialRun"/>.</summary>
/// <param name="AfterRow">The row after whose scoring the new model was fitted; it scores from the next row.</param>
/// <param name="Reason">"schedule" (<see cref="PrequentialOptions.RetrainEvery"/>) or "drift" (the detector's), or both joined by a comma.</param>
/// <param name="FirstTrainingRow">The first row of the refit's window (with <see cref="PrequentialWindow.OriginalPlusRecent"/>, the first row after the original rows).</param>
/// <param name="LastTrainingRow">The last row it learned, the last whose label had arrived.</param>
/// <param name="TrainingRows">How many rows it learned.</param>
/// <param name="NewLabelledRows">Labels that had arrived since the previous fit.</param>
public sealed record PrequentialRetrain(int AfterRow, string Reason, int FirstTrainingRow, int LastTrainingRow, int TrainingRows, int NewLabelledRows);
