using System.Text.Json;

namespace Keel.Fairness.Cards;

/// <summary>
/// What a model's owner writes for its card: the overview, owners, licences, references, intended users and use cases,
/// limitations, trade-offs and ethical considerations. Read from a small YAML file (<see cref="ModelCardOwnerFile"/>)
/// and kept in the registry as version tags (<see cref="ToTags"/>), where a promotion policy can require them.
/// </summary>
public sealed record ModelCardOwnerSections
{
    public string? Overview { get; init; }
    public string? Documentation { get; init; }
    public IReadOnlyList<Owner> Owners { get; init; } = [];
    public IReadOnlyList<string> Licenses { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<string> Citations { get; init; } = [];
    public IReadOnlyList<string> Users { get; init; } = [];
    public IReadOnlyList<string> UseCases { get; init; } = [];
    public IReadOnlyList<string> Limitations { get; init; } = [];
    public IReadOnlyList<string> Tradeoffs { get; init; } = [];
    public IReadOnlyList<Risk> EthicalConsiderations { get; init; } = [];

    /// <summary>The owner fields that hold something, by their card names (<see cref="ModelCardFields.OwnerFields"/>).</summary>
    public IReadOnlyList<string> Written() => ModelCardFields.OwnerFields.Where(f => Has(f)).ToList();

    public bool Has(string field) => field switch
    {
        "overview" => !string.IsNullOrWhiteSpace(Overview),
        "documentation" => !string.IsNullOrWhiteSpace(Documentation),
        "owners" => Owners.Count > 0,
        "licenses" => Licenses.Count > 0,
        "references" => References.Count > 0,
        "citations" => Citations.Count > 0,
        "users" => Users.Count > 0,
        "use_cases" => UseCases.Count > 0,
        "limitations" => Limitations.Count > 0,
        "tradeoffs" => Tradeoffs.Count > 0,
        "ethical_considerations" => EthicalConsiderations.Count > 0,
        _ => false,
    };

    /// <summary>The written fields as version tags: <c>card.&lt;field&gt;</c> → the field as JSON.</summary>
    public IReadOnlyDictionary<string, string> ToTags() =>
        Written().ToDictionary(f => ModelCardFields.TagPrefix + f, f => f switch
        {
            "overview" => JsonSerializer.Serialize(Overview),
            "documentation" => JsonSerializer.Serialize(Documentation),
            "owners" => JsonSerializer.Serialize(Owners),
            "licenses" => JsonSerializer.Serialize(Licenses),
            "references" => JsonSerializer.Serialize(References),
            "citations" => JsonSerializer.Serialize(Citations),
            "users" => JsonSerializer.Serialize(Users),
            "use_cases" => JsonSerializer.Serialize(UseCases),
            "limitations" => JsonSerializer.Serialize(Limitations),
            "tradeoffs" => JsonSerializer.Serialize(Tradeoffs),
            _ => JsonSerializer.Serialize(EthicalConsiderations),
        });

    /// <summary>The sections back from a version's tags (other tags are ignored).</summary>
    public static ModelCardOwnerSections FromTags(IReadOnlyDictionary<string, string> tags)
    {
        T? Get<T>(string field) => tags.TryGetValue(ModelCardFields.TagPrefix + field, out var json) ? JsonSerializer.Deserialize<T>(json) : default;
        return new ModelCardOwnerSections
        {
            Overview = Get<string>("overview"),
            Documentation = Get<string>("documentation"),
            Owners = Get<List<Owner>>("owners") ?? [],
            Licenses = Get<List<string>>("licenses") ?? [],
            References = Get<List<string>>("references") ?? [],
            Citations = Get<List<string>>("citations") ?? [],
            Users = Get<List<string>>("users") ?? [],
            UseCases = Get<List<string>>("use_cases") ?? [],
            Limitations = Get<List<string>>("limitations") ?? [],
            Tradeoffs = Get<List<string>>("tradeoffs") ?? [],
            EthicalConsiderations = Get<List<Risk>>("ethical_considerations") ?? [],
        };
    }
}
