namespace Keel.Data;

/// <summary>The name, storage type and role of one column.</summary>
public sealed record ColumnSchema(string Name, ColumnType Type, ColumnRole Role = ColumnRole.Feature);
