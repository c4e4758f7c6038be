namespace Keel.Reports;

/// <summary>
/// The words a plain-language summary uses for the rows and the positive outcome, e.g. "customers", "likely to
/// leave" and "leave". The defaults speak of rows and the positive class's name.
/// </summary>
public sealed record ReportWording
{
    /// <summary>What a row is, plural. The default value is "rows".</summary>
    public string Entities { get; init; } = "rows";

    /// <summary>How a flagged row is described, after "flags as". The default value is null: the positive class in quotes.</summary>
    public string? FlaggedAs { get; init; }

    /// <summary>The outcome as a verb phrase, after "really" and "who". The default value is null: "are" + the positive class.</summary>
    public string? Outcome { get; init; }

    /// <summary>The relative pronoun for the rows: "who" for people. The default value is "that".</summary>
    public string Who { get; init; } = "that";

    internal string Flagged(string positive) => FlaggedAs ?? $"\u201c{positive}\u201d";

    internal string Event(string positive) => Outcome ?? $"are \u201c{positive}\u201d";
}
