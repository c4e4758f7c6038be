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
/// exact SHAP values per input column (<c>shap</c>, FP64, [rows, columns, outputs], raw score units) and the base
/// value per output, so that base value + Σ shap = the raw score of each row and output. Scored on the request's
/// thread, not micro-batched; at most <see cref="MaxRows"/> rows a request.
/// </summary>
internal static class ExplainEndpoints
{
    public const int MaxRows = 1000;

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
            var features = new FeatureMatrix(bound.Features, bound.Rows, model.Model.Features.FeatureNames);
            Keel.Explain.ShapValues byColumn;
            try { byColumn = explainer.ExplainFeatures(features).Grouped(explainer.Columns, explainer.ColumnOfFeature); }
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
}
