using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;
using Keel.Data.Profiling;
using Keel.Learn.Training;
using Keel.Reports;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel quickstart</c>: the whole path on the Telco churn data shipped with Keel: profile, select and train, evaluate
/// on held-out customers, write model.keel and report.html, and say what they mean.
/// </summary>
internal static class QuickstartCommand
{
    public static string SampleData => Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv");

    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "The folder to write model.keel and report.html into (created if needed).", DefaultValueFactory = _ => "keel-quickstart" };
        var options = new CommonTrainingOptions();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var store = StoreOption.Create();
        var command = new Command("quickstart", "Train a churn model on the Telco customer data shipped with Keel: profile, select, train, evaluate, write model.keel and report.html.");
        command.Options.Add(output);
        command.Options.Add(store);
        command.Options.Add(json);
        options.AddTo(command);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var settings = options.Build(result);
                var folder = result.GetRequiredValue(output);
                if (!File.Exists(SampleData))
                    throw new KeelDataException($"The sample data is missing from {SampleData}; reinstall Keel or run it from the repository.");
                Directory.CreateDirectory(folder);

                console.Heading("Keel quickstart: will a telecom customer leave?");
                console.Info("Data: IBM's Telco customer churn sample (7,043 customers, Apache-2.0), shipped with Keel.");
                var table = CsvTableReader.Read(SampleData, new CsvReadOptions { Roles = new Dictionary<string, ColumnRole> { ["gender"] = ColumnRole.Sensitive, ["Churn"] = ColumnRole.Label }, CancellationToken = ct });
                var profile = DataProfile.Build(table);
                console.Info($"Profile: {table.RowCount:N0} rows × {table.ColumnCount} columns; " +
                             $"{string.Join(", ", profile.Columns.Where(c => c.Missing > 0).Select(c => $"{c.Name} has {c.Missing} missing"))}; " +
                             $"customerID is an identifier and gender is kept for fairness checks only: neither is a feature.");
                console.Table(ProfileCommand.Summary(profile));

                var job = new TrainingJobOptions
                {
                    Label = "Churn",
                    PositiveClass = "Yes",
                    Seed = settings.Seed,
                    TestFraction = settings.TestFraction,
                    Selection = settings.Selection,
                    Name = "churn",
                    Source = "telco_churn.csv",
                    Reading = new DataReading { Roles = new Dictionary<string, ColumnRole> { ["gender"] = ColumnRole.Sensitive } },
                };
                var wording = new ReportWording { Entities = "customers", FlaggedAs = "likely to leave", Outcome = "leave", Who = "who" };
                var bundlePath = Path.Combine(folder, "model.keel");
                var reportPath = Path.Combine(folder, "report.html");
                TrainingRunner.Run(console, table, job, bundlePath, reportPath, wording, result.GetRequiredValue(store), ct);
                console.Info($"Next: open {Path.GetFullPath(reportPath)} in a browser, or score new customers with");
                console.Info($"  keel predict --model {bundlePath} --data customers.csv --out predictions.csv");
                console.Info($"and put it in the registry with: keel models register --model {bundlePath}");
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }
}
