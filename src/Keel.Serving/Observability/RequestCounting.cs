using Keel.Serving.Inference;
using Keel.Serving.Models;

namespace Keel.Serving.Observability;

/// <summary>Counts every model request in <c>keel_requests_total</c> with the status it ended with.</summary>
internal static class RequestCounting
{
    /// <summary>Runs an endpoint body; a refusal counts with its status, and an unknown model as "(unknown)".</summary>
    public static async Task Count(ServerMetrics metrics, ModelCatalog catalog, string endpoint, string model, Func<Task> body)
    {
        var status = 200;
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (RequestException e)
        {
            status = e.Status;
            throw;
        }
        catch
        {
            status = 500;
            throw;
        }
        finally
        {
            metrics.Request(endpoint, catalog.IsKnown(model) ? model : "(unknown)", status);
        }
    }
}
