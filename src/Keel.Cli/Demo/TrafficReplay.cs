using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Keel.Data;

namespace Keel.Cli.Demo;

/// <summary>One inference request the traffic sent: its id and the calls (rows) it carried.</summary>
internal sealed record SentRequest(string Id, int[] Rows);

/// <summary>
/// Stage 3, replay traffic: sends the calls, in time order, to the server over HTTP as Open Inference Protocol
/// requests (the model's inputs only: the outcome and the call's duration are not known yet), and keeps what the
/// server answered for each call: the version that answered and the probability of a subscription. Every response's
/// status is counted; anything but 200 is a failed request.
/// </summary>
internal sealed class TrafficReplay(BankCalls calls, HttpClient client, IReadOnlyList<string> inputs)
{
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private long _failed;

    /// <summary>The version that answered each call (0: not sent).</summary>
    public int[] AnsweredBy { get; } = new int[calls.Rows];

    /// <summary>The probability of "yes" the server answered for each call.</summary>
    public double[] Probability { get; } = new double[calls.Rows];

    public long Requests => _statuses.Values.Sum();

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Requests by HTTP status.</summary>
    public IReadOnlyDictionary<int, int> Statuses => new SortedDictionary<int, int>(_statuses);

    /// <summary>Sends the rows in requests of <paramref name="requestRows"/> calls, <paramref name="parallel"/> at a time.</summary>
    public async Task<IReadOnlyList<SentRequest>> Send(int[] rows, int requestRows, int parallel, CancellationToken cancel)
    {
        var requests = rows.Chunk(requestRows).Select(chunk => new SentRequest($"call-{chunk[0]}-{chunk.Length}", chunk)).ToList();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancel },
            async (request, ct) => await Infer(request, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return requests;
    }

    private async Task Infer(SentRequest request, CancellationToken cancel)
    {
        using var content = new StringContent(Body(request), Encoding.UTF8, "application/json");
        int status;
        string text;
        try
        {
            using var response = await client.PostAsync($"/v2/models/{DemoRegistry.Model}/infer", content, cancel).ConfigureAwait(false);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            status = 0; // no answer at all
            text = "";
        }
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status != 200)
        {
            Interlocked.Increment(ref _failed);
            return;
        }
        using var json = JsonDocument.Parse(text);
        var version = int.Parse(json.RootElement.GetProperty("model_version").GetString()!, CultureInfo.InvariantCulture);
        var probabilities = json.RootElement.GetProperty("outputs").EnumerateArray().First(o => o.GetProperty("name").GetString() == "probabilities");
        var data = probabilities.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray();
        var classes = data.Length / request.Rows.Length;
        for (var i = 0; i < request.Rows.Length; i++)
        {
            AnsweredBy[request.Rows[i]] = version;
            Probability[request.Rows[i]] = data[i * classes + classes - 1]; // classes in order: no, yes
        }
    }

    private string Body(SentRequest request)
    {
        var table = calls.Table;
        var columns = inputs.Select(name =>
        {
            var column = table[name];
            object?[] data = column is NumericColumn n
                ? request.Rows.Select(r => (object?)n.Values[r]).ToArray()
                : request.Rows.Select(r => (object?)column.FormatValue(r)).ToArray();
            return new { name, datatype = column is NumericColumn ? "FP64" : "BYTES", shape = new[] { request.Rows.Length }, data };
        });
        return JsonSerializer.Serialize(new { id = request.Id, parameters = new { content_type = "pd" }, inputs = columns });
    }
}
