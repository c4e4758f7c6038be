using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keel.Data;

/// <summary>
/// The SHA-256 of a table's canonical content: columns in name order, each as its name, type and values (numbers as
/// IEEE-754 bits with every NaN the same, strings as UTF-8 with their length). Two tables with the same values and
/// columns have the same fingerprint whatever the file format or column order they came from.
/// </summary>
public static class DataFingerprint
{
    public static string Compute(Table table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buf, table.RowCount);
        hash.AppendData(buf);
        foreach (var j in Enumerable.Range(0, table.ColumnCount).OrderBy(j => table[j].Name, StringComparer.Ordinal))
        {
            var column = table[j];
            AppendString(hash, column.Name);
            AppendString(hash, column.Type.ToString());
            switch (column)
            {
                case NumericColumn n:
                    foreach (var v in n.Values)
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(buf, double.IsNaN(v) ? long.MinValue : BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v));
                        hash.AppendData(buf);
                    }
                    break;
                case DateTimeColumn d:
                    foreach (var t in d.Ticks)
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(buf, t);
                        hash.AppendData(buf);
                    }
                    break;
                default:
                    for (var i = 0; i < column.Length; i++) AppendString(hash, column.FormatValue(i));
                    break;
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendString(IncrementalHash hash, string? s)
    {
        Span<byte> len = stackalloc byte[4];
        if (s is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(len, -1);
            hash.AppendData(len);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(s);
        BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
        hash.AppendData(len);
        hash.AppendData(bytes);
    }
}
