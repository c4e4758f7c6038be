namespace Keel.Data.Io;

/// <summary>Reads a data file by its extension: <c>.parquet</c> as Parquet, anything else as delimited text.</summary>
public static class TableReader
{
    public static Table Read(string path, CsvReadOptions? options = null) =>
        Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ParquetTableReader.Read(path, options)
            : CsvTableReader.Read(path, options);
}
