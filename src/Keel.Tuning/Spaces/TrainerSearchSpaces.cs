namespace Keel.Tuning.Spaces;

/// <summary>The default search space of each built-in trainer, by its command-line name.</summary>
public static class TrainerSearchSpaces
{
    public static IReadOnlyList<ITrainerSearchSpace> All { get; } =
        [new LightGbmSearchSpace(), new FastTreeSearchSpace(), new FastForestSearchSpace(), new LinearSearchSpace()];

    public static ITrainerSearchSpace For(string trainer) =>
        All.FirstOrDefault(s => string.Equals(s.Trainer, trainer, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeelTuningException($"--trainer '{trainer}' has no search space; choose among {string.Join(", ", All.Select(s => s.Trainer))}.");
}
