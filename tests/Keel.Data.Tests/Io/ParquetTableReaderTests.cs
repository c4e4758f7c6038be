using Keel.Data.Io;
using Parquet;
using Parquet.Schema;

namespace Keel.Data.Tests.Io;

public sealed class ParquetTableReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Read_ParquetWithNullsOfEachType_GivesKeelColumns()
    {
        var path = _temp.Combine("t.parquet");
        var age = new DataField<double?>("age");
        var city = new DataField<string>("city");
        var active = new DataField<bool?>("active");
        var visits = new DataField<int>("visits");
        var schema = new ParquetSchema(age, city, active, visits);
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<double>(age, new double?[] { 31.5, null, 40 });
            await group.WriteAsync(city, new[] { "Oslo", null!, "Oslo" });
            await group.WriteAsync<bool>(active, new bool?[] { true, false, null });
            await group.WriteAsync<int>(visits, new[] { 1, 2, 3 }.AsMemory());
        }

        var table = TableReader.Read(path);

        Assert.Equal(3, table.RowCount);
        var a = Assert.IsType<NumericColumn>(table["age"]);
        Assert.Equal(31.5, a[0]);
        Assert.True(a.IsMissing(1));
        var c = Assert.IsType<CategoricalColumn>(table["city"]);
        Assert.Equal("Oslo", c[2]);
        Assert.Null(c[1]);
        Assert.Null(((BooleanColumn)table["active"])[2]);
        Assert.Equal(3.0, ((NumericColumn)table["visits"])[2]);
    }

    [Fact]
    public void Read_NotAParquetFile_SaysSo()
    {
        var path = _temp.File("x.parquet", "this is text");

        var e = Assert.Throws<KeelDataException>(() => TableReader.Read(path));

        Assert.Contains("Parquet", e.Message);
    }
}
