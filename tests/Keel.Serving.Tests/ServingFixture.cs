using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keel.Data;
using Keel.Data.Io;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Models;
using Keel.Learn.Trainers;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Keel.Serving.Tests;

/// <summary>
/// A store with registered models and API keys, and an in-process server (ASP.NET Core's TestServer, what
/// WebApplicationFactory hosts) over it: the whole pipeline, without a socket.
/// </summary>
public sealed class ServingFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-serving-").FullName;

    public static Table Telco { get; } = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv"));

    public string StoreUri => $"sqlite:{Path.Combine(_folder, "keel.db")}";

    public IKeelStore Store { get; private set; } = null!;

    public Model Churn { get; private set; } = null!;

    public Model Numeric { get; private set; } = null!;

    public Model Charges { get; private set; } = null!;

    public string PredictorKey { get; private set; } = "";

    public string ViewerKey { get; private set; } = "";

    public string DeployerKey { get; private set; } = "";

    public Microsoft.AspNetCore.Builder.WebApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = KeelStore.Open(StoreUri);
        var head = Telco.Take(Enumerable.Range(0, 1500).ToArray());
        Churn = new LightGbmTrainer { Iterations = 30 }.Fit(head, Target.Detect(head, "Churn"));
        Register("churn", Churn, head, alias: "champion");
        Register("churn", new LightGbmTrainer { Iterations = 12, LearningRate = 0.2 }.Fit(head, Target.Detect(head, "Churn")), head, alias: null);
        var numeric = head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]);
        Numeric = new LinearTrainer().Fit(numeric, Target.Detect(numeric, "Churn"));
        Register("numeric", Numeric, numeric, alias: "champion");
        var charges = head.Select(["tenure", "Contract", "InternetService", "MonthlyCharges"]);
        Charges = new LightGbmTrainer { Iterations = 20 }.Fit(charges, Target.Detect(charges, "MonthlyCharges", TaskKind.Regression));
        Register("charges", Charges, charges, alias: "champion");

        var admin = Store.CreateApiKey("admin", Role.Admin);
        using (var asAdmin = KeelStore.OpenWithKey(StoreUri, admin.Secret))
        {
            PredictorKey = asAdmin.CreateApiKey("app", Role.Predictor).Secret;
            ViewerKey = asAdmin.CreateApiKey("dashboard", Role.Viewer).Secret;
            DeployerKey = asAdmin.CreateApiKey("release", Role.Deployer).Secret;
        }
        App = await StartServer(new ServerOptions
        {
            Models = [ModelSpec.Parse("churn"), ModelSpec.Parse("numeric@champion"), ModelSpec.Parse("charges@1")],
            RefreshInterval = TimeSpan.FromHours(1),
            MaxBodyBytes = 256 * 1024,
        });
    }

    /// <summary>Starts another in-process server over the same store; <paramref name="configure"/> may replace services (a test clock).</summary>
    public async Task<WebApplication> StartServer(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var app = await KeelServer.Create(options, Store, b =>
        {
            b.WebHost.UseTestServer();
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return app;
    }

    public HttpClient Client(string? key = null, WebApplication? app = null)
    {
        var client = (app ?? App).GetTestClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public int Register(string name, Model model, Table data, string? alias, ExplanationBackground? background = null, Keel.Learn.Decisions.ThresholdChoice? decision = null)
    {
        var bundle = new ModelBundle
        {
            Background = background,
            Decision = decision,
            Manifest = BundleManifest.For(model, name, model.Trainer,
                new TrainingData("telco", DataFingerprint.Compute(data), data.RowCount, data.RowCount, 0), DateTimeOffset.UnixEpoch),
            Model = model,
            Profile = DataProfile.Build(data),
        };
        using var bytes = new MemoryStream();
        bundle.Write(bytes);
        Store.GetOrCreateModel(name);
        var run = Store.StartRun(name, "register");
        var sha = Store.PutArtifact(run.Id, "model.keel", bytes.ToArray());
        var version = Store.CreateVersion(name, sha, "{}", "{}", "fp", run.Id);
        if (alias is not null) Store.SetAlias(name, alias, version.Version);
        return version.Version;
    }

    /// <summary>An OIP "pd" request for rows of a table: one input per column the model reads.</summary>
    public static string Request(Model model, Table rows, string? id = null)
    {
        var inputs = new JsonArray();
        foreach (var c in Signature.Inputs(model.Features))
        {
            var column = rows[c.Name];
            var data = new JsonArray();
            for (var i = 0; i < rows.RowCount; i++)
            {
                if (column is NumericColumn n) data.Add(double.IsNaN(n.Values[i]) ? null : JsonValue.Create(n.Values[i]));
                else data.Add(column.FormatValue(i) is { } s ? JsonValue.Create(s) : null);
            }
            inputs.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["datatype"] = c.Type == ColumnType.Numeric ? "FP64" : "BYTES",
                ["shape"] = new JsonArray(rows.RowCount),
                ["data"] = data,
            });
        }
        var request = new JsonObject { ["parameters"] = new JsonObject { ["content_type"] = "pd" }, ["inputs"] = inputs };
        if (id is not null) request["id"] = id;
        return request.ToJsonString();
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<(int Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
