using Keel.Data;
using Keel.Fairness.Cards;

namespace Keel.Fairness.Tests.Cards;

public class ModelCardOwnerFileTests
{
    private const string Example = """
        overview: Predicts which customers are likely to cancel in the next month.
        owners: [{ name: Retention analytics, contact: retention@example.com }, Data platform]
        use_cases: [Choose whom to offer a retention discount]
        limitations: Trained on one telecom's customers in 2023
        ethical_considerations:
          - name: Offers could be withheld from some groups
            mitigation_strategy: Fairness audit by senior citizen status before each promotion
          - Customers are not told they were scored
        """;

    [Fact]
    public void Parse_TheDocumentedExample_ReadsEachField()
    {
        var owner = ModelCardOwnerFile.Parse(Example);

        Assert.Equal("Predicts which customers are likely to cancel in the next month.", owner.Overview);
        Assert.Equal([new Owner("Retention analytics", "retention@example.com"), new Owner("Data platform", null)], owner.Owners);
        Assert.Equal(["Trained on one telecom's customers in 2023"], owner.Limitations);
        Assert.Equal([new Risk("Offers could be withheld from some groups", "Fairness audit by senior citizen status before each promotion"), new Risk("Customers are not told they were scored", null)],
            owner.EthicalConsiderations);
        Assert.True(owner.Has("limitations"));
        Assert.False(owner.Has("tradeoffs"));
        Assert.Equal(["overview", "owners", "use_cases", "limitations", "ethical_considerations"], owner.Written());
    }

    [Fact]
    public void Tags_RoundTrip_EveryWrittenField()
    {
        var owner = ModelCardOwnerFile.Parse(Example);

        var tags = owner.ToTags();
        var back = ModelCardOwnerSections.FromTags(tags.Append(new KeyValuePair<string, string>("other", "x")).ToDictionary());

        Assert.Equal(["card.ethical_considerations", "card.limitations", "card.overview", "card.owners", "card.use_cases"], tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(owner.Owners, back.Owners);
        Assert.Equal(owner.EthicalConsiderations, back.EthicalConsiderations);
        Assert.Equal(owner.Limitations, back.Limitations);
        Assert.Equal(owner.Overview, back.Overview);
    }

    [Fact]
    public void Parse_Mistakes_AreListedWithTheirLines()
    {
        var e = Assert.Throws<KeelDataException>(() => ModelCardOwnerFile.Parse("""
            overview: [not, one, text]
            owners:
              - { contact: nobody@example.com }
            colour: blue
            """, "card.yaml"));

        Assert.StartsWith("card.yaml is not a valid model card file:", e.Message);
        Assert.Contains("line 1: overview is one piece of text.", e.Message);
        Assert.Contains("line 3: an item of owners needs a name.", e.Message);
        Assert.Contains("line 4: unknown field 'colour'", e.Message);
    }

    [Fact]
    public void Parse_NotAMapping_SaysWhatTheFileHolds()
    {
        var e = Assert.Throws<KeelDataException>(() => ModelCardOwnerFile.Parse("- just\n- a list\n", "card.yaml"));

        Assert.StartsWith("card.yaml: a model card file is a YAML mapping of any of: overview, documentation, owners", e.Message);
    }
}
