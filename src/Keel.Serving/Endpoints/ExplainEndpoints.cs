using System.Text.Json;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Serving.Inference;
using Keel.Serving.Observability;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keel.Serving.Endpoints;

/// <summary>
/// Keel's extension <c>POST /v2/models/{name}[/versions/{v}]/explain</c>: the same request as <c>infer</c>; answers
/// SHAP values per input column (<c>shap</c>, FP64, [rows, columns, outputs], raw score units) and the base value per
/// output, so that base value + Σ shap = the raw score of each row and output, and <c>parameters.method</c>: exact
/// values (TreeSHAP, linear) for tree and linear models, permutation SHAP against the bundle's background rows for any
/// other model. Scored on the request's thread, not micro-batched; at most <see cref="MaxRows"/> rows a request
/// explained exactly, <see cref="MaxPermutationRows"/> by permutation SHAP.
/// </summary>
internal static class ExplainEndpoints
{
    public const int MaxRows = 1000;

    /// <summary>
    /// The most rows a request explained by permutation SHAP may hold, fewer for wide models (see
    /// <see cref="MaxPermutationEvaluations"/>).
    /// </summary>
    public const int MaxPermutationRows = 10;

    /// <summary>
    /// The most model rows a permutation SHAP request may score: each explained row costs up to
    /// 2 × orderings × columns × background rows (7,600 for 19 columns), so a model of more than 100 columns is
    /// explained fewer than 10 rows a request, and always at least one.
    /// </summary>
    public const int MaxPermutationEvaluations = 200_000;

    /// <summary>Threads a permutation SHAP request scores its batches on: up to 4, half the machine's cores.</summary>
    private static readonly int PermutationThreads = Math.Clamp(Environment.ProcessorCount / 2, 1, 4);

    public static IEndpointRouteBuilder MapExplain(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/models/{name}/explain", (HttpContext c, string name, InferenceServices s) => Explain(c, name, null, s));
        app.MapPost("/v2/models/{name}/versions/{version}/explain", (HttpContext c, string name, string version, InferenceServices s) => Explain(c, name, version, s));
        return app;
    }

    private static Task Explain(HttpContext context, string name, string? version, InferenceServices s) =>
        RequestCounting.Count(s.Metrics, s.Catalog, "explain", name, async () =>
        {
            s.Callers.Require(context, Role.Predictor);
            var model = s.Catalog.Get(name, version);
            var request = await InferEndpoints.Read(context, s.Options).ConfigureAwait(false);
            var bound = InputBinder.Bind(model, request);
            if (bound.Rows > MaxRows) throw RequestException.BadRequest($"Explain at most {MaxRows} rows a request; this one has {bound.Rows}.");
            var explainer = model.Explainer;
            if (!explainer.CanExplain) throw new RequestException(422, Unexplainable(model.Model));
            if (!explainer.IsExact)
            {
                var perRow = 2L * explainer.Permutations * explainer.Columns.Count * explainer.Background;
                var allowed = (int)Math.Clamp(MaxPermutationEvaluations / perRow, 1, MaxPermutationRows);
                if (bound.Rows > allowed)
                    throw new RequestException(413, $"This model is explained by permutation SHAP, which scores it up to {perRow:N0} times a row "
                        + $"(2 × {explainer.Permutations} orderings × {explainer.Columns.Count} columns × {explainer.Background} background rows): "
                        + $"explain at most {allowed} rows a request; this one has {bound.Rows}. Split the rows over several requests.");
            }
            var features = new FeatureMatrix(bound.Features, bound.Rows, model.Model.Features.FeatureNames);
            Keel.Explain.ShapValues byColumn;
            try { byColumn = explainer.ExplainColumns(features, explainer.IsExact ? 1 : PermutationThreads, context.RequestAborted); }
            catch (KeelLearnException e) { throw new RequestException(422, $"This model cannot be explained: {e.Message}"); }
            var target = model.Model.Target;
            var outputNames = target.Task switch
            {
                TaskKind.Binary => new[] { target.Classes[1] },
                TaskKind.Multiclass => target.Classes.ToArray(),
                TaskKind.Anomaly => new[] { "path_length" },
                _ => new[] { target.Column },
            };
            var body = new
            {
                model_name = model.Name,
                model_version = model.VersionText,
                id = request.Id ?? Guid.NewGuid().ToString("N"),
                parameters = new
                {
                    units = explainer.Units,
                    columns = byColumn.Features,
                    explained = outputNames,
                    method = explainer.Method,
                    background_rows = explainer.IsExact ? (int?)null : explainer.Background,
                    permutations = explainer.IsExact ? (int?)null : explainer.Permutations,
                },
                outputs = new object[]
                {
                    new { name = "shap", datatype = "FP64", shape = new[] { bound.Rows, byColumn.Features.Count, byColumn.Outputs }, data = byColumn.Values },
                    new { name = "base_value", datatype = "FP64", shape = new[] { byColumn.Outputs }, data = byColumn.BaseValue },
                },
            };
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body, ServerJson.Options), context.RequestAborted).ConfigureAwait(false);
        });

    /// <summary>Why a model without exact SHAP values and without background rows cannot be explained, and what to do.</summary>
    private static string Unexplainable(Keel.Learn.Models.Model model) => model.Target.Task == TaskKind.Anomaly
        ? $"This model cannot be explained: Keel explains Isolation Forest detectors exactly; this one is a {model.Trainer} ({model.Predictor.GetType().Name}), "
          + "which has no exact explanation. Train with --trainer isolation_forest to explain scores."
        : $"This model cannot be explained here: a {model.Predictor.GetType().Name} ({model.Trainer}) has no exact SHAP values, and its bundle holds no "
          + $"background rows ({Keel.Learn.Bundles.ModelBundle.BackgroundPart}) to explain it against by permutation SHAP; bundles written before Keel kept them have none. "
          + "Retrain it with keel train, keel automl or keel mitigate, which keep a sample of training rows in the bundle, and register the new bundle; "
          + "or explain it offline against your data with keel explain --model M --data F.";
}
