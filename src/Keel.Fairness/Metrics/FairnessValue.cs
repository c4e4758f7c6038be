using System.Globalization;

namespace Keel.Fairness.Metrics;

/// <summary>
/// One number of a fairness assessment, or the reason it is undefined: a rate of a group without the rows it divides
/// by, a ratio whose denominator is 0. Never NaN: <see cref="Value"/> is null exactly when <see cref="UndefinedReason"/>
/// is set. <see cref="Lower"/> and <see cref="Upper"/> hold a bootstrap percentile interval when one was computed.
/// </summary>
public sealed record FairnessValue
{
    private FairnessValue(double? value, string? undefinedReason, double? lower, double? upper, string? note)
    {
        Value = value;
        UndefinedReason = undefinedReason;
        Lower = lower;
        Upper = upper;
        Note = note;
    }

    /// <summary>The number; null when undefined.</summary>
    public double? Value { get; }

    /// <summary>Why there is no number, in words; null when defined.</summary>
    public string? UndefinedReason { get; }

    /// <summary>The lower end of the bootstrap interval; null without one.</summary>
    public double? Lower { get; }

    /// <summary>The upper end of the bootstrap interval; null without one.</summary>
    public double? Upper { get; }

    /// <summary>
    /// What the reader should know about a defined value, e.g. the groups left out of a difference because their rate
    /// is undefined; null when there is nothing to say.
    /// </summary>
    public string? Note { get; }

    public bool IsDefined => Value.HasValue;

    /// <summary>A defined value. A NaN or infinite number is refused: say why with <see cref="Undefined"/> instead.</summary>
    public static FairnessValue Of(double value, string? note = null)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A fairness value must be a finite number; use FairnessValue.Undefined with the reason.");
        return new FairnessValue(value, null, null, null, note);
    }

    public static FairnessValue Undefined(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new FairnessValue(null, reason, null, null, null);
    }

    /// <summary>The same value with a bootstrap interval.</summary>
    public FairnessValue WithInterval(double lower, double upper) => new(Value, UndefinedReason, lower, upper, Note);

    /// <summary>The same value with a note (replacing any).</summary>
    public FairnessValue WithNote(string? note) => new(Value, UndefinedReason, Lower, Upper, note);

    /// <summary>The number, or <paramref name="fallback"/> when undefined.</summary>
    public double ValueOr(double fallback) => Value ?? fallback;

    public override string ToString() =>
        Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : $"undefined ({UndefinedReason})";
}
