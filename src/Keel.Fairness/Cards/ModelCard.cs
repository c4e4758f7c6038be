using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keel.Fairness.Cards;

/// <summary>
/// A model card in the Model Card Toolkit's schema (v0.0.2 sections: model details, model parameters, quantitative
/// analysis, considerations), filled from the bundle, the registry, the evaluation, the fairness audit and the
/// explanations by <see cref="ModelCardBuilder"/>, plus what the owner writes (<see cref="ModelCardOwnerFile"/>).
/// <see cref="ToJson"/> writes the toolkit's field names.
/// </summary>
public sealed record ModelCard(ModelDetails ModelDetails, ModelParameters ModelParameters, QuantitativeAnalysis QuantitativeAnalysis, Considerations Considerations)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Warnings about the card itself: owner fields not written, slices too small to judge.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

public sealed record ModelDetails(
    string Name, string? Overview, string? Documentation, IReadOnlyList<Owner> Owners, CardVersion Version,
    IReadOnlyList<License> Licenses, IReadOnlyList<CardReference> References, IReadOnlyList<CardCitation> Citations, string? Path);

public sealed record Owner(string Name, string? Contact);

public sealed record CardVersion(string Name, string? Date, string? Diff);

public sealed record License(string? Identifier, string? CustomText);

public sealed record CardReference(string Reference);

public sealed record CardCitation(string? Style, string Citation);

public sealed record ModelParameters(string ModelArchitecture, IReadOnlyList<CardDataset> Data, string InputFormat, string OutputFormat);

public sealed record CardDataset(string Name, string? Link, SensitiveColumns? Sensitive, string? Description, int? Rows);

public sealed record SensitiveColumns(IReadOnlyList<string> SensitiveData);

public sealed record QuantitativeAnalysis(IReadOnlyList<PerformanceMetric> PerformanceMetrics, Graphics? Graphics);

/// <summary>One metric, overall (empty slice) or on a slice such as <c>sex=Female</c>, with its interval when known.</summary>
public sealed record PerformanceMetric(string Type, double? Value, string Slice, ConfidenceInterval? ConfidenceInterval, string? Note = null);

public sealed record ConfidenceInterval(double LowerBound, double UpperBound);

public sealed record Graphics(string? Description, IReadOnlyList<Graphic> Collection);

public sealed record Graphic(string Name, string Image);

public sealed record Considerations(
    IReadOnlyList<Described> Users, IReadOnlyList<Described> UseCases, IReadOnlyList<Described> Limitations,
    IReadOnlyList<Described> Tradeoffs, IReadOnlyList<Risk> EthicalConsiderations);

public sealed record Described(string Description);

public sealed record Risk(string Name, string? MitigationStrategy);
