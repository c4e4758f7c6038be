using Keel.Serving.Detectors;
using Keel.Serving.Endpoints;
using Keel.Serving.Inference;
using Keel.Serving.Logging;
using Keel.Serving.Models;
using Keel.Serving.Monitoring;
using Keel.Serving.Observability;
using Keel.Serving.Security;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keel.Serving;

/// <summary>
/// Composes the model server: Kestrel, the services, and one endpoint group per resource (health, server and model
/// metadata, inference, feedback, repository, monitoring, rollout, metrics, streaming anomaly detectors). Nothing here computes; it only wires.
/// </summary>
/// <example>
/// <code>
/// using var store = KeelStore.Open("sqlite:.keel/keel.db");
/// var app = await KeelServer.Create(new ServerOptions { Models = [ModelSpec.Parse("churn@champion")] }, store);
/// await app.RunAsync();
/// </code>
/// </example>
public static class KeelServer
{
    /// <summary>
    /// Builds the server and loads every model (a model that cannot be loaded stops it here, with the reason).
    /// <paramref name="configure"/> may adjust the builder, e.g. to host in a test server.
    /// </summary>
    public static async Task<WebApplication> Create(ServerOptions options, IKeelStore store, Action<WebApplicationBuilder>? configure = null, CancellationToken cancel = default)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // enforced per endpoint (RequestBody), so an oversized request gets its 413
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (options.JsonLogs) builder.Logging.AddJsonConsole(); else builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<CallerCheck>();
        builder.Services.AddSingleton<PredictionLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PredictionLog>());
        builder.Services.AddHostedService<ModelRefresher>();
        builder.Services.AddSingleton<AlertWebhook>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertWebhook>());
        builder.Services.AddSingleton<MonitoringJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MonitoringJob>());
        builder.Services.AddSingleton<Rollout.Rollouts>();
        builder.Services.AddSingleton<Rollout.ShadowScorer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Rollout.ShadowScorer>());
        builder.Services.AddSingleton<InferenceServices>();
        builder.Services.AddSingleton<DetectorCatalog>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(Errors);
        app.UseStatusCodePages(StatusBody);
        app.MapHealth();
        app.MapServerMetadata();
        app.MapModelMetadata();
        app.MapInference();
        app.MapExplain();
        app.MapFeedback();
        app.MapRepository();
        app.MapMonitoring();
        app.MapRollout();
        app.MapDetectors();
        app.MapMetrics();

        var catalog = app.Services.GetRequiredService<ModelCatalog>();
        await catalog.LoadAll(cancel).ConfigureAwait(false);
        if (options.Rollout is { } rollout && catalog.Challenger(rollout.Challenger.Name) is { } challenger)
            app.Services.GetRequiredService<Rollout.Rollouts>().Restore(new(catalog.Get(rollout.Challenger.Name).Version, challenger.Version));
        CheckReferences(options.Monitor, catalog);
        return app;
    }

    /// <summary>A monitoring reference must hold what the model reads and its label, as the model reads them; refused at start otherwise.</summary>
    private static void CheckReferences(MonitorOptions monitor, ModelCatalog catalog)
    {
        foreach (var (name, reference) in monitor.References)
        {
            var model = catalog.Get(name).Model;
            var missing = model.Features.InputColumns.Append(model.Target.Column).Where(c => reference.Schema.TryIndexOf(c) < 0).ToList();
            try
            {
                if (missing.Count > 0)
                    throw new Keel.Data.KeelDataException($"it lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}; give rows with every input of the model and its label '{model.Target.Column}' (e.g. its validation data).");
                model.Features.Transform(reference);
            }
            catch (Keel.Data.KeelDataException e)
            {
                throw new InvalidOperationException($"The monitoring reference of '{name}' cannot be used: {e.Message}", e);
            }
        }
    }

    /// <summary>Turns refusals into <c>{"error": ...}</c> with their status; anything else is a fault of the server: 500, logged.</summary>
    private static async Task Errors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (RequestException e) when (!context.Response.HasStarted)
        {
            await ErrorResponses.Write(context, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ErrorResponses.Write(context, e.StatusCode, $"The request could not be read: {e.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Keel.Serving").LogError(e, "Request {Method} {Path} failed.", context.Request.Method, context.Request.Path);
            await ErrorResponses.Write(context, 500, "The server failed to answer this request; its log has the details.").ConfigureAwait(false);
        }
    }

    /// <summary>A body for statuses the framework sets without one (405, 404 from routing, 400 from binding).</summary>
    private static Task StatusBody(StatusCodeContext status)
    {
        var c = status.HttpContext;
        var message = c.Response.StatusCode switch
        {
            405 => $"{c.Request.Method} is not allowed on {c.Request.Path}.",
            404 => $"There is no endpoint {c.Request.Method} {c.Request.Path}; see GET /v2 and /v2/models/{{name}}.",
            413 => "The request body is too large.",
            _ => $"The request was refused ({c.Response.StatusCode}).",
        };
        return ErrorResponses.Write(c, c.Response.StatusCode, message);
    }
}
