using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Keel.Serving.Detectors;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Keel.Serving.Tests;

/// <summary>
/// Streaming anomaly detectors on a real server (Kestrel on 127.0.0.1, a free port, a store without models): points
/// pushed, scored and learned per detector; bad input refused with 4xx and the detector left as it was.
/// </summary>
public sealed class DetectorEndpointsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-detectors-").FullName;
    private IKeelStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _viewer = "";
    private string _predictor = "";

    public async Task InitializeAsync()
    {
        var uri = $"sqlite:{Path.Combine(_folder, "keel.db")}";
        _store = KeelStore.Open(uri);
        var admin = _store.CreateApiKey("admin", Role.Admin);
        using (var asAdmin = KeelStore.OpenWithKey(uri, admin.Secret))
        {
            _viewer = asAdmin.CreateApiKey("dashboard", Role.Viewer).Secret;
            _predictor = asAdmin.CreateApiKey("agent", Role.Predictor).Secret;
        }
        _app = await KeelServer.Create(new ServerOptions
        {
            Models = [],
            Detectors = [DetectorSpec.Parse("cpu:seasonal,warm_up=10,window=50"), DetectorSpec.Parse("latency:hst,window_size=20,threshold=0.95")],
            Urls = ["http://127.0.0.1:0"],
        }, _store);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _predictor);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Points at minutes from..from+count of 2024-01-01 (or all at minute <paramref name="sameMinute"/>).</summary>
    private static string Points(int from, int count, Func<int, double> value, int? sameMinute = null) =>
        JsonSerializer.Serialize(new
        {
            points = Enumerable.Range(from, count).Select(i => new { timestamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(sameMinute ?? i).ToString("O"), value = value(i) }),
        });

    private async Task<(int Status, JsonElement Body)> Post(string path, string body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<JsonElement> Detector(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/detectors");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _viewer);
        using var response = await _client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return body.GetProperty("detectors").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task PushedPoints_AreScoredThenLearned_AndASpikeIsFlagged()
    {
        var (status, body) = await Post("/v2/detectors/cpu/points", Points(0, 40, i => 50 + i % 3));
        var (spikeStatus, spike) = await Post("/v2/detectors/cpu/points", Points(40, 2, i => i == 40 ? 90 : 51));

        Assert.Equal(200, status);
        var scores = body.GetProperty("scores").EnumerateArray().ToArray();
        Assert.Equal(40, scores.Length);
        Assert.All(scores[..10], s => Assert.Equal(0.0, s.GetProperty("score").GetDouble()));
        Assert.All(scores, s => Assert.False(s.GetProperty("is_anomaly").GetBoolean()));
        Assert.Equal(200, spikeStatus);
        var pair = spike.GetProperty("scores").EnumerateArray().ToArray();
        Assert.True(pair[0].GetProperty("is_anomaly").GetBoolean());
        Assert.Equal("2024-01-01T00:40:00Z", pair[0].GetProperty("timestamp").GetString());
        Assert.False(pair[1].GetProperty("is_anomaly").GetBoolean());

        var cpu = await Detector("cpu");
        Assert.Equal("seasonal", cpu.GetProperty("detector").GetString());
        Assert.Equal(42, cpu.GetProperty("points").GetInt64());
        Assert.Equal(1, cpu.GetProperty("anomalies").GetInt64());
        Assert.Equal("2024-01-01T00:41:00Z", cpu.GetProperty("last_timestamp").GetString());
        var latency = await Detector("latency");
        Assert.Equal(0.95, latency.GetProperty("threshold").GetDouble());
        Assert.Equal(0, latency.GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task ConcurrentRequestsToOneDetector_AreLearnedOneAtATime()
    {
        // Equal timestamps never go backwards, whichever request takes the detector's lock first.
        var requests = Enumerable.Range(0, 8).Select(_ => Post("/v2/detectors/latency/points", Points(0, 25, i => 0.5 + 0.01 * i, sameMinute: 7))).ToArray();
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(200, (await Detector("latency")).GetProperty("points").GetInt64());
    }

    [Theory]
    [InlineData("""{"points": [{"timestamp": "2024-01-01T00:00:00Z", "value": "high"}]}""", "points[0].value must be a finite number")]
    [InlineData("""{"points": [{"timestamp": "2024-01-01T00:00:00Z", "value": 1e999}]}""", "points[0].value must be a finite number")]
    [InlineData("""{"points": [{"timestamp": "tomorrow", "value": 1}]}""", "points[0].timestamp must be an ISO 8601 date")]
    [InlineData("""{"points": [{"timestamp": "2024-01-01T00:05:00Z", "value": 1}, {"timestamp": "2024-01-01T00:01:00Z", "value": 2}]}""", "points[1].timestamp 2024-01-01T00:01:00Z is before points[0]'s")]
    [InlineData("""{"points": []}""", "at least one point")]
    [InlineData("""{"points": [""", "not valid JSON")]
    public async Task BadPoints_Are400_AndTheDetectorLearnsNothing(string body, string expected)
    {
        var (status, error) = await Post("/v2/detectors/cpu/points", body);

        Assert.Equal(400, status);
        Assert.Contains(expected, error.GetProperty("error").GetString());
        Assert.Equal(0, (await Detector("cpu")).GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task TimestampsGoingBackAcrossRequests_UnknownDetectorsAndMissingRoles_AreRefused()
    {
        Assert.Equal(200, (await Post("/v2/detectors/cpu/points", Points(10, 1, _ => 1))).Status);

        var (back, backBody) = await Post("/v2/detectors/cpu/points", Points(5, 1, _ => 1));
        var (unknown, unknownBody) = await Post("/v2/detectors/disk/points", Points(0, 1, _ => 1));
        var (viewer, _) = await Post("/v2/detectors/cpu/points", Points(20, 1, _ => 1), _viewer);

        Assert.Equal(400, back);
        Assert.Contains("before the last point detector 'cpu' learned (2024-01-01T00:10:00Z)", backBody.GetProperty("error").GetString());
        Assert.Equal(404, unknown);
        Assert.Contains("'cpu', 'latency'", unknownBody.GetProperty("error").GetString());
        Assert.Equal(403, viewer);
        Assert.Equal(1, (await Detector("cpu")).GetProperty("points").GetInt64());
    }

    [Fact]
    public void DetectorSpecs_AreParsedAndCheckedWithEveryProblem()
    {
        var spec = DetectorSpec.Parse("latency:seasonal, season=hour-of-day, threshold=0.8");
        Assert.Equal(("latency", "seasonal", 0.8), (spec.Name, spec.Detector, spec.Threshold));
        Assert.Equal("hour-of-day", spec.Settings["season"]);

        Assert.Throws<ArgumentException>(() => DetectorSpec.Parse("cpu"));
        Assert.Throws<ArgumentException>(() => DetectorSpec.Parse("cpu:hst,threshold=2"));
        var problems = new ServerOptions { Models = [], Detectors = [DetectorSpec.Parse("a:hst,depth=3"), DetectorSpec.Parse("a:seasonal"), DetectorSpec.Parse("b:forest")] }.Validate().ToList();
        Assert.Contains(problems, p => p.Contains("Detector 'a' is named 2 times"));
        Assert.Contains(problems, p => p.Contains("hst has no setting 'depth'"));
        Assert.Contains(problems, p => p.Contains("There is no anomaly detector 'forest'"));
        Assert.Contains("Name at least one model", Assert.Single(new ServerOptions { Models = [] }.Validate()));
    }
}
