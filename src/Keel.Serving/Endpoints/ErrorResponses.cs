using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Serving.Endpoints;

/// <summary>Every error the server answers is <c>{"error": "..."}</c> with a 4xx (or, for a fault of its own, 5xx) status.</summary>
internal static class ErrorResponses
{
    private static readonly JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Write(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }, Plain));
    }

    public static Task Json(HttpContext context, object body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body, ServerJson.Options)).AsTask();
    }
}
