using Keel.Data;
using Keel.Data.Io;

namespace Keel.Learn.Tests;

/// <summary>Shared tables for the tests: the shipped samples, read once.</summary>
public static class TestData
{
    private static readonly Lazy<Table> TelcoTable = new(() => CsvTableReader.Read(Samples("telco_churn.csv")));

    public static string Samples(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The Telco churn sample: label Churn (No/Yes), 19 features, customerID an id.</summary>
    public static Table Telco => TelcoTable.Value;

    /// <summary>The first rows of Telco, for fast trainer checks.</summary>
    public static Table TelcoHead(int rows = 1500) => Telco.Take(Enumerable.Range(0, rows).ToArray());

    /// <summary>Telco with MonthlyCharges as a regression target.</summary>
    public static Target ChurnTarget(Table t) => Target.Detect(t, "Churn");

    public static Target ContractTarget(Table t) => Target.Detect(t, "Contract");

    public static Target ChargesTarget(Table t) => Target.Detect(t, "MonthlyCharges", TaskKind.Regression);
}
