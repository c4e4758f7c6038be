namespace Keel.Serving.Inference;

/// <summary>A request the server refuses, with the HTTP status (4xx) and a message that says what to change.</summary>
internal sealed class RequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static RequestException BadRequest(string message) => new(400, message);

    public static RequestException NotFound(string message) => new(404, message);
}
