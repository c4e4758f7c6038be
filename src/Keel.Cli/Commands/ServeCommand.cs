using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;
using Keel.Serving;
using Keel.Serving.Monitoring;
using Keel.Store;
using Microsoft.AspNetCore.Builder;

namespace Keel.Cli.Commands;

/// <summary><c>keel serve</c>: registered models behind the Open Inference Protocol V2, until SIGTERM or Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var models = new Option<string?>("--models", "-m") { Description = "Models to serve, comma-separated: name@alias or name@version (a bare name means name@champion), e.g. churn@champion,fraud@3. Needed unless --detector is given." };
        var detectors = new Option<string[]>("--detector") { Description = "A streaming anomaly detector to keep, NAME:DETECTOR[,setting=value...], e.g. cpu:hst or latency:seasonal,season=hour-of-day,threshold=0.95; fed by POST /v2/detectors/NAME/points. Repeatable." };
        var urls = new Option<string>("--urls") { Description = "Where to listen, comma-separated. [default: http://127.0.0.1:8080]", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var store = StoreOption.Create();
        var batchRows = new Option<int>("--batch-max-rows") { Description = "A micro-batch closes at this many rows. [default: 256]", DefaultValueFactory = _ => 256 };
        var batchWait = new Option<double>("--batch-max-wait-ms") { Description = "Longest wait for a micro-batch to fill, only while requests arrive together; 0 never waits. [default: 0.5]", DefaultValueFactory = _ => 0.5 };
        var logQueue = new Option<int>("--log-queue") { Description = "Prediction log entries held in memory while the store is slow or down; beyond it they are counted as dropped. [default: 50000]", DefaultValueFactory = _ => 50_000 };
        var logBatch = new Option<int>("--log-batch") { Description = "Prediction log entries per store transaction. [default: 1000]", DefaultValueFactory = _ => 1_000 };
        var refresh = new Option<double>("--refresh-seconds") { Description = "How often aliases are re-resolved; a moved alias is loaded and swapped in without dropping a request. [default: 5]", DefaultValueFactory = _ => 5 };
        var maxBody = new Option<double>("--max-body-mb") { Description = "The largest request body accepted, in MiB. [default: 16]", DefaultValueFactory = _ => 16 };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Serve without API keys; only allowed on loopback addresses, and warned about." };
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Write logs as one JSON object per line." };
        var monitorEvery = new Option<string?>("--monitor-every") { Description = "Monitor each served model's new prediction log entries this often (data quality, performance from feedback, alerts), e.g. 30s, 5m, 1h. [default: off]" };
        var monitorWindow = new Option<int>("--monitor-window") { Description = "Rows per monitoring window. [default: 1000]", DefaultValueFactory = _ => 1000 };
        var monitorMinRows = new Option<int?>("--monitor-min-rows") { Description = "The fewest new rows a monitoring run waits for. [default: one window]" };
        var monitorReference = new Option<string[]>("--monitor-reference") { Description = "Labelled reference rows (CSV or Parquet, e.g. the validation data) for performance estimation without labels (CBPE) and performance alert bands: FILE, or MODEL=FILE when several models are served; repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var alertWebhook = new Option<string?>("--alert-webhook") { Description = "POST each monitoring alert as JSON to this URL, retried with backoff (5 attempts). [default: none; alerts are stored and shown at GET /v2/models/NAME/monitoring]" };
        var rollout = new RolloutCliOptions();
        var command = new Command("serve", "Serve registered models over the Open Inference Protocol V2 (REST), with micro-batching, alias hot-swap, a prediction log, monitoring with alerts, shadow and canary rollouts, /metrics and API keys.")
        {
            models, detectors, urls, store, batchRows, batchWait, logQueue, logBatch, refresh, maxBody, insecure, jsonLogs,
            monitorEvery, monitorWindow, monitorMinRows, monitorReference, alertWebhook,
        };
        foreach (var option in rollout.All) command.Options.Add(option);
        command.SetAction(async (result, cancel) =>
        {
            var output = new Output(json: false);
            ServerOptions options;
            try
            {
                IReadOnlyList<ModelSpec> served = result.GetValue(models) is { } list ? ModelSpec.ParseList(list) : [];
                options = new ServerOptions
                {
                    Models = served,
                    Detectors = (result.GetValue(detectors) ?? []).Select(Keel.Serving.Detectors.DetectorSpec.Parse).ToList(),
                    Urls = result.GetRequiredValue(urls).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    BatchMaxRows = result.GetValue(batchRows),
                    BatchMaxWait = TimeSpan.FromMilliseconds(result.GetValue(batchWait)),
                    LogQueueCapacity = result.GetValue(logQueue),
                    LogBatchSize = result.GetValue(logBatch),
                    RefreshInterval = TimeSpan.FromSeconds(result.GetValue(refresh)),
                    MaxBodyBytes = (long)(result.GetValue(maxBody) * 1024 * 1024),
                    InsecureNoAuth = result.GetValue(insecure),
                    JsonLogs = result.GetValue(jsonLogs),
                    Monitor = new MonitorOptions
                    {
                        Every = result.GetValue(monitorEvery) is { } every ? Durations.Parse(every, "--monitor-every") : null,
                        Window = result.GetValue(monitorWindow),
                        MinRows = result.GetValue(monitorMinRows),
                        AlertWebhook = result.GetValue(alertWebhook) is { } hook
                            ? Uri.TryCreate(hook, UriKind.Absolute, out var uri) ? uri : throw new KeelDataException($"--alert-webhook '{hook}' is not an absolute http:// or https:// URL.")
                            : null,
                        References = References(result.GetValue(monitorReference) ?? [], served, output, cancel),
                    },
                    Rollout = rollout.Read(result),
                };
                var problems = options.Validate().ToList();
                if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
            }
            catch (ArgumentException e)
            {
                output.Error(e.Message);
                return ExitCodes.Usage;
            }
            catch (KeelDataException e)
            {
                output.Error(e.Message);
                return ExitCodes.Usage;
            }

            using var s = StoreOption.Open(result.GetRequiredValue(store));
            if (!options.InsecureNoAuth && NoKeys(s))
            {
                output.Error($"No API keys exist in {s.Location}, so no client could call the server. Create one (keel keys create --actor my-app --role predictor), or serve on loopback without keys: --insecure-no-auth.");
                return ExitCodes.Usage;
            }
            WebApplication app;
            try
            {
                app = await KeelServer.Create(options, s, cancel: cancel);
            }
            catch (InvalidOperationException e) when (e.InnerException is KeelDataException)
            {
                output.Error(e.Message);
                return ExitCodes.InvalidInput;
            }
            if (options.InsecureNoAuth)
                output.Warning("Serving WITHOUT API keys (--insecure-no-auth): anyone who can reach this machine's loopback can call every endpoint.");
            var monitoring = options.Monitor.Every is { } interval
                ? $" Monitoring every {interval} in windows of {options.Monitor.Window} rows{(options.Monitor.AlertWebhook is { } webhookUrl ? $", alerts to {webhookUrl.GetLeftPart(UriPartial.Authority)}" : "")}."
                : "";
            var rolling = options.Rollout is { } r
                ? r.Mode == Keel.Serving.Rollout.RolloutMode.Shadow
                    ? $" Shadowing {r.Challenger}: it scores every request; its outputs are logged, never returned."
                    : $" Canary {r.Challenger} answers {r.CanaryShare:P0} of requests{(r.CanaryKey is { } key ? $" (sticky by {key})" : "")} until it is rolled back."
                : "";
            app.Lifetime.ApplicationStarted.Register(() =>
                output.Success($"Serving {string.Join(", ", options.Models.Select(m => m.ToString()).Concat(options.Detectors.Select(d => $"detector {d}")))} on {string.Join(", ", options.Urls)} from {s.Location}.{monitoring}{rolling} Stop with Ctrl-C or SIGTERM (in-flight requests finish, the prediction log is flushed)."));
            try
            {
                await app.RunAsync();
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                output.Error($"Cannot listen on {string.Join(", ", options.Urls)}: the address is already in use. Stop the process that uses it, or choose another with --urls.");
                return ExitCodes.InvalidInput;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Reads <c>--monitor-reference</c>: <c>MODEL=FILE</c> names the model; a bare <c>FILE</c> is the reference of the one
    /// model served. A file that cannot be read is refused with its name.
    /// </summary>
    private static Dictionary<string, Table> References(string[] values, IReadOnlyList<ModelSpec> served, Output output, CancellationToken cancel)
    {
        var references = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var split = value.IndexOf('=', StringComparison.Ordinal);
            var named = split > 0 && served.Any(m => m.Name == value[..split]);
            var model = named ? value[..split] : served.Count == 1 ? served[0].Name
                : throw new KeelDataException($"--monitor-reference \"{value}\": name the model it is for, e.g. --monitor-reference {served[0].Name}=validation.csv (this server serves {string.Join(", ", served.Select(m => m.Name))}).");
            var path = named ? value[(split + 1)..] : value;
            if (!File.Exists(path)) throw new KeelDataException($"--monitor-reference: the file '{path}' does not exist.");
            if (references.ContainsKey(model)) throw new KeelDataException($"--monitor-reference names model '{model}' twice; give one reference per model.");
            references[model] = TableReader.Read(path, new CsvReadOptions { CancellationToken = cancel, Progress = output.RowProgress($"Reading {Path.GetFileName(path)}") });
        }
        return references;
    }

    /// <summary>Whether the store has no API key at all (an admin can tell; anyone else evidently used one).</summary>
    private static bool NoKeys(IKeelStore store)
    {
        try { return store.ListApiKeys().All(k => k.RevokedAt is not null); }
        catch (KeelStoreException e) when (e.Forbidden) { return false; }
    }
}
