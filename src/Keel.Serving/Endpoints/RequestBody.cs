using System.IO.Pipelines;
using Keel.Serving.Inference;
using Microsoft.AspNetCore.Http;

namespace Keel.Serving.Endpoints;

/// <summary>
/// Reads a whole request body from the pipe. A body over the limit is read on and thrown away (up to
/// <see cref="DiscardFactor"/> times the limit) before the 413 is answered, so the client receives the answer instead
/// of a connection reset; a body larger still is cut off.
/// </summary>
internal static class RequestBody
{
    private const int DiscardFactor = 8;

    /// <summary>Reads until the body ends; the caller parses the result and then calls <see cref="Release"/>.</summary>
    public static async Task<ReadResult> ReadAll(HttpContext context, long limit)
    {
        var pipe = context.Request.BodyReader;
        long discarded = 0;
        var tooLarge = context.Request.ContentLength > limit;
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                if (tooLarge || result.Buffer.Length > limit)
                {
                    tooLarge = true;
                    discarded += result.Buffer.Length;
                    pipe.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted || discarded > DiscardFactor * limit)
                    {
                        context.Response.Headers.Connection = "close";
                        throw TooLarge(limit);
                    }
                    continue;
                }
                // A shutdown cancels pending reads; the request still gets its whole body and its answer.
                if (result.IsCompleted) return result;
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
