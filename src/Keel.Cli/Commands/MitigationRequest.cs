using System.Globalization;
using Keel.Data;
using Keel.Fairness.Mitigation;
using Keel.Learn;

namespace Keel.Cli.Commands;

/// <summary>The remedies <c>keel mitigate</c> offers.</summary>
internal enum MitigationMethod
{
    Reweighing,
    ExponentiatedGradient,
    ThresholdOptimizer,
}

/// <summary>What <c>keel mitigate</c> was asked to do, checked once with every problem in one message.</summary>
internal sealed record MitigationRequest
{
    public required MitigationMethod Method { get; init; }
    public required string Label { get; init; }
    public string? Positive { get; init; }
    public required IReadOnlyList<string> Sensitive { get; init; }
    public string? Constraint { get; init; }
    public required string Trainer { get; init; }
    public double Eps { get; init; }
    public int MaxIterations { get; init; }
    public string? TestPath { get; init; }
    public double TestFraction { get; init; }
    public string? ModelPath { get; init; }
    public required string OutPath { get; init; }
    public string? Name { get; init; }
    public int Seed { get; init; }
    public int Threads { get; init; }
    public required string DataPath { get; init; }

    public string SensitiveColumn => Sensitive[0];

    public MitigationConstraint ParsedConstraint => Constraint is null ? MitigationConstraint.DemographicParity : MitigationConstraints.Parse(Constraint);

    public void Validate()
    {
        var problems = new List<string>();
        if (Sensitive.Count == 0) problems.Add("--sensitive names the column whose groups are compared (e.g. --sensitive sex); it is required.");
        if (Sensitive.Count > 1) problems.Add($"--sensitive is given {Sensitive.Count} times ({string.Join(", ", Sensitive)}); mitigation works on one sensitive column.");
        if (Constraint is not null)
        {
            if (Method == MitigationMethod.Reweighing)
                problems.Add("--constraint does not apply to reweighing: it always makes the label independent of the group (demographic parity). Use --method expgrad or threshold for another constraint.");
            else
            {
                try { MitigationConstraints.Parse(Constraint); }
                catch (KeelLearnException e) { problems.Add("--constraint: " + e.Message); }
            }
        }
        if (ModelPath is not null && Method != MitigationMethod.ThresholdOptimizer)
            problems.Add("--model applies to --method threshold only (it post-processes an existing model).");
        if (!(Eps is > 0 and <= 1)) problems.Add(string.Create(CultureInfo.InvariantCulture, $"--eps must be in (0, 1]; it is {Eps}."));
        if (MaxIterations is < 1 or > 10_000) problems.Add($"--max-iter must be between 1 and 10,000; it is {MaxIterations}.");
        if (TestPath is null && TestFraction is <= 0 or >= 1) problems.Add(string.Create(CultureInfo.InvariantCulture, $"--test-fraction must be between 0 and 1 (exclusive); it is {TestFraction}."));
        if (Threads < 1) problems.Add($"--threads must be at least 1; it is {Threads}.");
        if (Trainer.ToLowerInvariant() is not ("lightgbm" or "fasttree" or "fastforest" or "linear"))
            problems.Add($"--trainer '{Trainer}' is not one of lightgbm, fasttree, fastforest, linear.");
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
    }
}
