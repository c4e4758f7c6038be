using System.Xml.Linq;

namespace Keel.Architecture.Tests;

/// <summary>Dependencies point inward: each project may reference only the Keel projects listed for it.</summary>
public class ProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Keel.Data"] = [],
        ["Keel.Learn"] = ["Keel.Data"],
        ["Keel.Reports"] = ["Keel.Data", "Keel.Learn", "Keel.Explain", "Keel.Monitoring", "Keel.Fairness", "Keel.Anomaly", "Keel.Tuning"],
        ["Keel.Store"] = ["Keel.Data", "Keel.Learn"],
        ["Keel.Explain"] = ["Keel.Data", "Keel.Learn"],
        ["Keel.Monitoring"] = ["Keel.Data", "Keel.Learn"],
        ["Keel.Fairness"] = ["Keel.Data", "Keel.Learn"],
        ["Keel.Anomaly"] = ["Keel.Data", "Keel.Learn"],
        ["Keel.Lifecycle"] = ["Keel.Data", "Keel.Learn", "Keel.Store", "Keel.Monitoring", "Keel.Fairness"],
        ["Keel.Serving"] = ["Keel.Data", "Keel.Learn", "Keel.Store", "Keel.Explain", "Keel.Monitoring", "Keel.Anomaly", "Keel.Lifecycle", "Keel.Fairness"],
        ["Keel.Tuning"] = ["Keel.Data", "Keel.Learn", "Keel.Store"],
        ["Keel.Cli"] = ["Keel.Data", "Keel.Learn", "Keel.Reports", "Keel.Store", "Keel.Serving", "Keel.Explain", "Keel.Monitoring", "Keel.Fairness", "Keel.Anomaly", "Keel.Lifecycle", "Keel.Tuning"],
    };

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keel.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Keel.slnx not found above the test folder.");
    }

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(Path.Combine(Root(), "src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')));

    [Fact]
    public void EverySourceProject_IsKnownToThisTest()
    {
        var projects = Directory.GetDirectories(Path.Combine(Root(), "src")).Select(Path.GetFileName).Order();

        Assert.Equal(Allowed.Keys.Order(), projects);
    }

    [Theory]
    [InlineData("Keel.Data")]
    [InlineData("Keel.Learn")]
    [InlineData("Keel.Reports")]
    [InlineData("Keel.Store")]
    [InlineData("Keel.Explain")]
    [InlineData("Keel.Serving")]
    [InlineData("Keel.Monitoring")]
    [InlineData("Keel.Fairness")]
    [InlineData("Keel.Anomaly")]
    [InlineData("Keel.Lifecycle")]
    [InlineData("Keel.Tuning")]
    [InlineData("Keel.Cli")]
    public void Project_ReferencesOnlyInward(string project)
    {
        var outward = References(project).Except(Allowed[project]).ToArray();

        Assert.True(outward.Length == 0, $"{project} references {string.Join(", ", outward)}, which it may not: dependencies point inward (see docs/architecture.md).");
    }

    [Theory]
    [InlineData("Keel.Data")]
    [InlineData("Keel.Learn")]
    [InlineData("Keel.Reports")]
    [InlineData("Keel.Explain")]
    [InlineData("Keel.Monitoring")]
    [InlineData("Keel.Fairness")]
    [InlineData("Keel.Anomaly")]
    [InlineData("Keel.Tuning")]
    public void ComputingProjects_DoNotReadTheClockOrUnseededRandomness(string project)
    {
        var offenders = Directory.GetFiles(Path.Combine(Root(), "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("DateTime.Now") || text.Contains("DateTime.UtcNow") || text.Contains("DateTimeOffset.UtcNow") || text.Contains("new Random()") || text.Contains("Random.Shared")))
            .Select(Path.GetFileName)
            .ToArray();

        Assert.True(offenders.Length == 0, $"{string.Join(", ", offenders)} read the clock or unseeded randomness; take a TimeProvider or a seed.");
    }
}
