using Keel.Data;
using Keel.Learn.Models;

namespace Keel.Learn.Trainers;

/// <summary>
/// Keel's training contract: <see cref="Fit"/> learns from a table and returns a new, immutable <see cref="Model"/>.
/// A trainer holds only its options; it is safe to reuse.
/// </summary>
public interface ITrainer
{
    /// <summary>A short name, e.g. "LightGbm".</summary>
    string Name { get; }

    /// <summary>The options, as text, for the manifest and run logs.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    bool Supports(TaskKind task);

    Model Fit(Table train, Target target, TrainingContext? context = null);
}
