using Microsoft.Extensions.Hosting;

namespace Keel.Serving.Models;

/// <summary>Follows registry aliases: every refresh interval, re-resolves each served alias and swaps in a moved version.</summary>
internal sealed class ModelRefresher(ModelCatalog catalog, ServerOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await catalog.RefreshAll(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
