namespace Keel.Learn.Onnx;

/// <summary>
/// Builds an ONNX model (IR 8, opset 17 and ai.onnx.ml 3) node by node and writes its protobuf bytes. Field numbers
/// follow onnx.proto.
/// </summary>
internal sealed class OnnxGraph
{
    public const int TensorFloat = 1;
    public const int TensorInt64 = 7;
    public const int TensorString = 8;
    public const string Ml = "ai.onnx.ml";

    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];
    private int _counter;

    /// <summary>A fresh, unique value name.</summary>
    public string Name(string hint) => $"{hint}_{_counter++}";

    public void Input(string name, int elementType, params object[] shape) => _inputs.Add(w => ValueInfo(w, name, elementType, shape));

    public void Output(string name, int elementType, params object[] shape) => _outputs.Add(w => ValueInfo(w, name, elementType, shape));

    public string Initializer(string hint, long[] dims, float[] values)
    {
        var name = Name(hint);
        _initializers.Add(w => w.Message(5, t => t.Ints(1, dims).Int(2, TensorFloat).Floats(4, values).String(8, name)));
        return name;
    }

    public string Initializer(string hint, long[] dims, long[] values)
    {
        var name = Name(hint);
        _initializers.Add(w => w.Message(5, t => t.Ints(1, dims).Int(2, TensorInt64).Ints(7, values).String(8, name)));
        return name;
    }

    /// <summary>Adds a node and returns the name of its first output.</summary>
    public string Node(string op, string[] inputs, string? domain = null, string? output = null, params OnnxAttribute[] attributes)
    {
        output ??= Name(op.ToLowerInvariant());
        var o = output;
        _nodes.Add(w => w.Message(1, n =>
        {
            foreach (var i in inputs) n.String(1, i);
            n.String(2, o).String(3, Name(op)).String(4, op);
            foreach (var a in attributes) n.Message(5, a.Write);
            if (domain is not null) n.String(7, domain);
        }));
        return output;
    }

    public byte[] ToBytes(string producerVersion)
    {
        var model = new ProtoWriter();
        model.Int(1, 8)
             .String(2, "keel")
             .String(3, producerVersion)
             .Message(7, g =>
             {
                 foreach (var n in _nodes) n(g);
                 g.String(2, "keel_model");
                 foreach (var i in _initializers) i(g);
                 foreach (var i in _inputs) g.Message(11, i);
                 foreach (var o in _outputs) g.Message(12, o);
             })
             .Message(8, o => o.String(1, "").Int(2, 17))
             .Message(8, o => o.String(1, Ml).Int(2, 3));
        return model.ToArray();
    }

    private static void ValueInfo(ProtoWriter w, string name, int elementType, object[] shape)
    {
        w.String(1, name).Message(2, type => type.Message(1, tensor => tensor.Int(1, elementType).Message(2, s =>
        {
            foreach (var d in shape)
                s.Message(1, dim =>
                {
                    if (d is string param) dim.String(2, param);
                    else dim.Int(1, Convert.ToInt64(d));
                });
        })));
    }

    /// <summary>A node attribute (onnx.proto AttributeProto).</summary>
    public sealed record OnnxAttribute(string Name, Action<ProtoWriter> Body)
    {
        public void Write(ProtoWriter w)
        {
            w.String(1, Name);
            Body(w);
        }

        public static OnnxAttribute Of(string name, long value) => new(name, w => w.Int(3, value).Int(20, 2));

        public static OnnxAttribute Of(string name, float value) => new(name, w => w.Float(2, value).Int(20, 1));

        public static OnnxAttribute Of(string name, string value) => new(name, w => w.String(4, value).Int(20, 3));

        public static OnnxAttribute Of(string name, IEnumerable<float> values) => new(name, w => w.Floats(7, values).Int(20, 6));

        public static OnnxAttribute Of(string name, IEnumerable<long> values) => new(name, w => w.Ints(8, values).Int(20, 7));

        public static OnnxAttribute Of(string name, IEnumerable<string> values) => new(name, w =>
        {
            foreach (var v in values) w.String(9, v);
            w.Int(20, 8);
        });
    }
}
