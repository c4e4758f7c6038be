namespace Keel.Learn.Anomaly;

/// <summary>Exact k-nearest-neighbour search by Euclidean distance over row-major points (brute force).</summary>
internal static class NearestNeighbours
{
    /// <summary>
    /// Writes the <c>indices.Length</c> points nearest to <paramref name="x"/> and their distances, nearest first (ties
    /// by lower index), leaving out point <paramref name="exclude"/> (-1 for none).
    /// </summary>
    public static void Search(float[] points, int width, ReadOnlySpan<float> x, int exclude, Span<int> indices, Span<double> distances)
    {
        var k = indices.Length;
        var count = points.Length / width;
        var found = 0;
        var worst = double.PositiveInfinity;
        for (var p = 0; p < count; p++)
        {
            if (p == exclude) continue;
            var point = points.AsSpan(p * width, width);
            double d2 = 0;
            for (var j = 0; j < width && d2 <= worst; j++)
            {
                var diff = (double)x[j] - point[j];
                d2 += diff * diff;
            }
            if (found == k && d2 >= worst) continue;
            var at = found < k ? found++ : k - 1;
            while (at > 0 && distances[at - 1] > d2)
            {
                distances[at] = distances[at - 1];
                indices[at] = indices[at - 1];
                at--;
            }
            distances[at] = d2;
            indices[at] = p;
            if (found == k) worst = distances[k - 1];
        }
        if (found < k) throw new ArgumentException($"There are {found} points to search; {k} neighbours were asked for.");
        for (var j = 0; j < k; j++) distances[j] = Math.Sqrt(distances[j]);
    }
}
