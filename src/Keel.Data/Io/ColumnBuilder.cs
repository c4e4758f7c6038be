namespace Keel.Data.Io;

/// <summary>
/// Collects the fields of one column while a file is read. It starts as numbers when the sniffed rows were numeric and
/// falls back to strings at the first field that is not a number (the earlier rows are then read again), so the type
/// is inferred over the whole file in one pass in the common case.
/// </summary>
internal sealed class ColumnBuilder
{
    private readonly string _file;
    private readonly ColumnType? _declared;
    private double[] _numbers = [];
    private int[] _codes = [];
    private Dictionary<string, int>? _dict;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private List<int>? _firstLine;
    private int _count;

    public ColumnBuilder(string file, string name, ColumnType? declared, bool sniffedNumeric, int capacity)
    {
        _file = file;
        Name = name;
        _declared = declared;
        IsNumeric = declared == ColumnType.Numeric || (declared is null && sniffedNumeric);
        if (IsNumeric) _numbers = new double[Math.Max(capacity, 16)];
        else StartStrings(Math.Max(capacity, 16));
    }

    public string Name { get; }

    public bool IsNumeric { get; private set; }

    /// <summary>The first row read as a string after the column fell back from numbers, or -1.</summary>
    public int FellBackAt { get; private set; } = -1;

    public void Add(ReadOnlySpan<char> field, int line)
    {
        if (IsNumeric)
        {
            if (_count == _numbers.Length) Array.Resize(ref _numbers, Grow(_count));
            // Numbers first: they are the common case, and a missing token never parses as a finite number.
            if (field.Length > 0 && ValueParsers.TryParseNumber(field, out var v)) { _numbers[_count++] = v; return; }
            if (MissingTokens.IsMissing(field)) { _numbers[_count++] = double.NaN; return; }
            if (_declared == ColumnType.Numeric)
                throw KeelDataException.At(_file, line, Name,
                    $"'{field.ToString()}' is not a number, but the column is declared numeric. Fix the value, " +
                    $"mark it missing (empty or NA), or declare the column categorical (--type \"{Name}=categorical\").");
            FellBackAt = _count;
            IsNumeric = false;
            _numbers = [];
            StartStrings(Grow(_count));
            Array.Fill(_codes, -1, 0, _count);
        }
        if (_count == _codes.Length) Array.Resize(ref _codes, Grow(_count));
        _codes[_count++] = Encode(field, line);
    }

    /// <summary>Fills a row before <see cref="FellBackAt"/> from a second read of the file.</summary>
    public void Refill(int row, ReadOnlySpan<char> field, int line) => _codes[row] = Encode(field, line);

    private int Encode(ReadOnlySpan<char> field, int line)
    {
        if (MissingTokens.IsMissing(field)) return -1;
        if (_lookup.TryGetValue(field, out var code)) return code;
        code = _dict!.Count;
        var s = field.ToString();
        _dict.Add(s, code);
        _firstLine!.Add(line);
        return code;
    }

    private void StartStrings(int capacity)
    {
        _codes = new int[capacity];
        _dict = new Dictionary<string, int>(StringComparer.Ordinal);
        _lookup = _dict.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstLine = [];
    }

    private static int Grow(int n) => n < 1024 ? 2048 : n + n / 2;

    public (Column Column, ColumnRole? SuggestedRole) Build()
    {
        if (IsNumeric)
        {
            var values = _numbers.Length == _count ? _numbers : _numbers[.._count];
            return (new NumericColumn(Name, values), null);
        }
        var codes = _codes.Length == _count ? _codes : _codes[.._count];
        var categories = new string[_dict!.Count];
        foreach (var (k, c) in _dict) categories[c] = k;
        var type = _declared ?? InferType(categories);
        switch (type)
        {
            case ColumnType.Boolean:
                return (BuildBooleans(codes, categories), null);
            case ColumnType.DateTime:
                return (BuildDateTimes(codes, categories), null);
            case ColumnType.Text:
            {
                var values = new string?[codes.Length];
                for (var i = 0; i < codes.Length; i++) values[i] = codes[i] < 0 ? null : categories[codes[i]];
                var nonMissing = codes.Count(c => c >= 0);
                return (new TextColumn(Name, values), categories.Length == nonMissing ? ColumnRole.Id : ColumnRole.Ignore);
            }
            default:
                return (new CategoricalColumn(Name, codes, categories), null);
        }
    }

    private ColumnType InferType(string[] categories)
    {
        if (categories.Length is > 0 and <= 2 && categories.All(c => ValueParsers.TryParseBoolean(c, out _)))
            return ColumnType.Boolean;
        if (categories.Length > 0 && categories.All(c => ValueParsers.TryParseDateTime(c, out _)))
            return ColumnType.DateTime;
        var nonMissing = 0;
        foreach (var c in _codes.AsSpan(0, _count)) if (c >= 0) nonMissing++;
        return nonMissing >= 20 && categories.Length > nonMissing / 2 ? ColumnType.Text : ColumnType.Categorical;
    }

    private BooleanColumn BuildBooleans(int[] codes, string[] categories)
    {
        var map = new byte[categories.Length];
        for (var k = 0; k < categories.Length; k++)
        {
            if (!ValueParsers.TryParseBooleanLoose(categories[k], out var b))
                throw KeelDataException.At(_file, _firstLine![k], Name,
                    $"'{categories[k]}' is not true/false, but the column is declared boolean. Fix the value or declare the column categorical.");
            map[k] = b ? (byte)1 : (byte)0;
        }
        var values = new byte[codes.Length];
        for (var i = 0; i < codes.Length; i++) values[i] = codes[i] < 0 ? BooleanColumn.Missing : map[codes[i]];
        return new BooleanColumn(Name, values);
    }

    private DateTimeColumn BuildDateTimes(int[] codes, string[] categories)
    {
        var map = new long[categories.Length];
        for (var k = 0; k < categories.Length; k++)
        {
            if (!ValueParsers.TryParseDateTime(categories[k], out map[k]))
                throw KeelDataException.At(_file, _firstLine![k], Name,
                    $"'{categories[k]}' is not a date (use ISO 8601, e.g. 2024-01-31 or 2024-01-31T08:00:00Z), but the column is declared a date.");
        }
        var values = new long[codes.Length];
        for (var i = 0; i < codes.Length; i++) values[i] = codes[i] < 0 ? DateTimeColumn.Missing : map[codes[i]];
        return new DateTimeColumn(Name, values);
    }
}
