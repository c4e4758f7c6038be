using System.Globalization;

namespace Keel.Lifecycle.Promotion;

/// <summary>A limit on one number: at least <see cref="Min"/>, at most <see cref="Max"/>, or both.</summary>
public sealed record PolicyBound(double? Min, double? Max)
{
    public bool Admits(double value) => (Min is not { } lo || value >= lo) && (Max is not { } hi || value <= hi);

    /// <summary>"at least 0.80", "at most 0.05", "between 0.80 and 0.95".</summary>
    public string Describe() => (Min, Max) switch
    {
        ({ } lo, { } hi) => string.Create(CultureInfo.InvariantCulture, $"between {lo:0.####} and {hi:0.####}"),
        ({ } lo, null) => string.Create(CultureInfo.InvariantCulture, $"at least {lo:0.####}"),
        (null, { } hi) => string.Create(CultureInfo.InvariantCulture, $"at most {hi:0.####}"),
        _ => "unbounded",
    };
}
