using Keel.Learn.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Keel.Learn.Trainers.MlNet;

/// <summary>Hands Keel's features to ML.NET as a data view with Label, Features and Weight columns.</summary>
internal static class MlNetData
{
    internal sealed class BinaryRow
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
        public float Weight { get; set; }
    }

    /// <summary>
    /// A multiclass row. The label is the class index 0..k−1: loading from objects into a key-typed column takes the
    /// index as given (class 0 is the first key), so no +1 here.
    /// </summary>
    internal sealed class MulticlassRow
    {
        public uint Label { get; set; }
        public float[] Features { get; set; } = [];
        public float Weight { get; set; }
    }

    internal sealed class RegressionRow
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = [];
        public float Weight { get; set; }
    }

    public static IDataView Load(MLContext ml, FeatureMatrix features, float[] labels, float[]? weights, Target target)
    {
        var width = features.Columns;
        float[] Row(int i) => features.Row(i).ToArray();
        float W(int i) => weights?[i] ?? 1f;
        switch (target.Task)
        {
            case TaskKind.Binary:
            {
                var schema = SchemaDefinition.Create(typeof(BinaryRow));
                schema[nameof(BinaryRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
                var rows = Enumerable.Range(0, features.Rows).Select(i => new BinaryRow { Label = labels[i] > 0.5f, Features = Row(i), Weight = W(i) }).ToList();
                return ml.Data.LoadFromEnumerable(rows, schema);
            }
            case TaskKind.Multiclass:
            {
                var schema = SchemaDefinition.Create(typeof(MulticlassRow));
                schema[nameof(MulticlassRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
                schema[nameof(MulticlassRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), target.Classes.Count);
                var rows = Enumerable.Range(0, features.Rows).Select(i => new MulticlassRow { Label = (uint)labels[i], Features = Row(i), Weight = W(i) }).ToList();
                return ml.Data.LoadFromEnumerable(rows, schema);
            }
            default:
            {
                var schema = SchemaDefinition.Create(typeof(RegressionRow));
                schema[nameof(RegressionRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
                var rows = Enumerable.Range(0, features.Rows).Select(i => new RegressionRow { Label = labels[i], Features = Row(i), Weight = W(i) }).ToList();
                return ml.Data.LoadFromEnumerable(rows, schema);
            }
        }
    }
}
