using System.Text;
using System.Text.Json;

namespace Keel.Cli.Demo;

/// <summary>
/// Stage 4, send late labels: the outcome of each call (did the customer subscribe?) reaches the server as feedback
/// by request id, some batches after the call, as it would from the bank's records.
/// </summary>
internal static class LateLabels
{
    /// <summary>Sends the outcomes of these requests; returns how many the server matched to a logged prediction.</summary>
    public static async Task<int> Send(HttpClient client, BankCalls calls, IReadOnlyList<SentRequest> requests, CancellationToken cancel)
    {
        var label = calls.Table[BankCalls.Label];
        var body = JsonSerializer.Serialize(new
        {
            feedback = requests.Select(r => new { id = r.Id, label = r.Rows.Select(row => label.FormatValue(row)).ToArray() }),
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/v2/models/{DemoRegistry.Model}/feedback", content, cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new DemoFailedException($"the server refused the feedback ({(int)response.StatusCode}): {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("matched").GetInt32();
    }
}
