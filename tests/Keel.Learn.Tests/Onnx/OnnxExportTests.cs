using Keel.Data;
using Keel.Learn.Models;
using Keel.Learn.Onnx;
using Keel.Learn.Tests.Trainers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Keel.Learn.Tests.Onnx;

/// <summary>The ONNX export, featurization included, run by ONNX Runtime, predicts what Keel predicts within 1e-5.</summary>
public class OnnxExportTests
{
    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void OnnxRuntime_PredictsWhatKeelPredicts(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task, 1500);
        var model = TrainerCases.Make(trainer).Fit(data, target);
        // Score rows with missing numbers and unseen categories as well.
        var probe = data.Take(Enumerable.Range(0, 300).ToArray())
            .WithColumn(new NumericColumn("TotalCharges", Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? double.NaN : ((NumericColumn)data["TotalCharges"])[i]).ToArray()))
            .WithColumn(CategoricalColumn.FromStrings("PaymentMethod", Enumerable.Range(0, 300).Select(i => i % 5 == 0 ? "Bitcoin" : i % 11 == 0 ? null : ((CategoricalColumn)data["PaymentMethod"])[i]).ToArray()));

        var expected = model.Predict(probe);
        using var session = new InferenceSession(OnnxExporter.Export(model));
        using var results = session.Run(Inputs(model, probe));

        if (task == TaskKind.Regression)
        {
            var score = results.First(r => r.Name == "score").AsTensor<float>().ToArray();
            for (var i = 0; i < probe.RowCount; i++) Assert.Equal(expected.Values![i], score[i], Math.Max(1e-5, Math.Abs(expected.Values[i]) * 1e-6));
            return;
        }
        var probabilities = results.First(r => r.Name == "probabilities").AsTensor<float>().ToArray();
        var labels = results.First(r => r.Name == "label").AsTensor<string>().ToArray();
        var k = target.Classes.Count;
        for (var i = 0; i < probe.RowCount; i++)
        {
            for (var c = 0; c < k; c++) Assert.Equal(expected.Probability(i, c), probabilities[i * k + c], 1e-5);
            Assert.Equal(expected.Labels![i], labels[i]);
        }
    }

    /// <summary>One [N, 1] tensor per input column: floats (NaN missing) or strings ("" missing).</summary>
    internal static List<NamedOnnxValue> Inputs(Model model, Table table)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var name in model.Features.InputColumns)
        {
            var column = table[name];
            if (column is CategoricalColumn c)
            {
                var values = Enumerable.Range(0, c.Length).Select(i => c[i] ?? "").ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values, [c.Length, 1])));
            }
            else
            {
                var n = (NumericColumn)column;
                var values = Enumerable.Range(0, n.Length).Select(i => (float)n[i]).ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, [n.Length, 1])));
            }
        }
        return inputs;
    }
}
