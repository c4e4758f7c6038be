namespace Keel.Data.Io;

/// <summary>
/// A block of rows copied out of the CSV reader's buffer: every field's text, start and length, and each row's line
/// number. Columns of a batch can then be parsed on several threads while each column stays with one thread.
/// </summary>
internal sealed class RowBatch(int width, int capacity)
{
    private char[] _text = new char[capacity * width * 8];
    private readonly int[] _start = new int[capacity * width];
    private readonly int[] _length = new int[capacity * width];
    private readonly int[] _line = new int[capacity];
    private int _used;

    public int Count { get; private set; }

    public int Capacity => capacity;

    public void Add(nietras.SeparatedValues.SepReader.Row row)
    {
        var offset = Count * width;
        for (var j = 0; j < width; j++)
        {
            var field = row[j].Span;
            if (_used + field.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _used + field.Length));
            field.CopyTo(_text.AsSpan(_used));
            _start[offset + j] = _used;
            _length[offset + j] = field.Length;
            _used += field.Length;
        }
        _line[Count++] = row.LineNumberFrom;
    }

    public ReadOnlySpan<char> Field(int row, int column)
    {
        var k = row * width + column;
        return _text.AsSpan(_start[k], _length[k]);
    }

    public int Line(int row) => _line[row];

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
