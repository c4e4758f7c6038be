using System.Buffers;
using System.IO.Pipelines;
using Keel.Serving.Inference;
using Microsoft.AspNetCore.Http;

namespace Keel.Serving.Endpoints;

/// <summary>Reads a whole request body from the pipe, refusing one larger than the limit with a 413.</summary>
internal static class RequestBody
{
    /// <summary>Reads until the body ends; the caller parses the result and then calls <see cref="Release"/>.</summary>
    public static async Task<ReadResult> ReadAll(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit) throw TooLarge(limit);
        var pipe = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                if (result.Buffer.Length > limit)
                {
                    pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                    throw TooLarge(limit);
                }
                if (result.IsCompleted || result.IsCanceled) return result;
                pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        catch (BadHttpRequestException e)
        {
            throw new RequestException(e.StatusCode, e.StatusCode == 413 ? TooLarge(limit).Message : $"The request could not be read: {e.Message}");
        }
    }

    public static void Release(HttpContext context, ReadResult result) => context.Request.BodyReader.AdvanceTo(result.Buffer.End);

    private static RequestException TooLarge(long limit) =>
        new(413, $"The request body is larger than this server accepts ({limit / 1024.0 / 1024.0:0.##} MiB): send fewer rows per request, or start the server with a larger --max-body-mb.");
}
