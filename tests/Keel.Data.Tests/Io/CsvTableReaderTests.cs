using Keel.Data.Io;

namespace Keel.Data.Tests.Io;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_AdultAsShipped_HasNoHeaderCommaSpaceSeparatorAndQuestionMarksAsMissing()
    {
        var table = CsvTableReader.Read(Samples.Path("adult.data"));

        Assert.Equal(32_561, table.RowCount);
        Assert.Equal(15, table.ColumnCount);
        Assert.Equal("column1", table.Schema[0].Name);
        Assert.Equal(ColumnType.Numeric, table["column1"].Type);
        var workclass = Assert.IsType<CategoricalColumn>(table["column2"]);
        Assert.Equal(1_836, workclass.MissingCount());
        Assert.Contains("State-gov", workclass.Categories);
        var income = Assert.IsType<CategoricalColumn>(table["column15"]);
        Assert.Equal(["<=50K", ">50K"], income.Categories.Order(StringComparer.Ordinal));
        Assert.Equal(7_841, income.Codes.ToArray().Count(c => income.Categories[c] == ">50K"));
    }

    [Fact]
    public void Read_Telco_SniffsHeaderAndMakesBlankTotalChargesMissingNumbers()
    {
        var table = CsvTableReader.Read(Samples.Path("telco_churn.csv"));

        Assert.Equal(7_043, table.RowCount);
        var total = Assert.IsType<NumericColumn>(table["TotalCharges"]);
        Assert.Equal(11, total.MissingCount());
        Assert.Equal(ColumnType.Text, table["customerID"].Type);
        Assert.Equal(ColumnRole.Id, table.Schema["customerID"].Role);
        Assert.Equal(ColumnType.Numeric, table["SeniorCitizen"].Type);
        Assert.Equal(ColumnType.Categorical, table["Churn"].Type);
    }

    [Fact]
    public void Read_NumberColumnWithTextAfterTheSniffedRows_BecomesCategoricalWithEveryValueKept()
    {
        var lines = new List<string> { "id,code" };
        for (var i = 0; i < 1500; i++) lines.Add($"{i},{i % 7}");
        lines.Add("1500,X9");
        var path = _temp.File("late.csv", string.Join("\n", lines) + "\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { SniffRows = 100 });

        var code = Assert.IsType<CategoricalColumn>(table["code"]);
        Assert.Equal("3", code[3]);
        Assert.Equal("X9", code[1500]);
        Assert.Equal(ColumnType.Numeric, table["id"].Type);
    }

    [Fact]
    public void Read_QuotedFieldsWithSeparatorsAndQuotes_AreUnescaped()
    {
        var path = _temp.File("q.csv", "name,note,x\n\"Smith, J\",\"said \"\"hi\"\"\",1\nDoe,plain,2\n");

        var table = CsvTableReader.Read(path);

        var name = Assert.IsType<CategoricalColumn>(table["name"]);
        Assert.Equal("Smith, J", name[0]);
        Assert.Equal("said \"hi\"", ((CategoricalColumn)table["note"])[0]);
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n4;5;6\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n4\t5\t6\n", '\t')]
    [InlineData("a|b|c\n1|2|3\n4|5|6\n", '|')]
    public void Read_SniffsTheSeparator(string content, char _)
    {
        var table = CsvTableReader.Read(_temp.File("s.csv", content));

        Assert.Equal(3, table.ColumnCount);
        Assert.Equal(["a", "b", "c"], table.Schema.Names);
        Assert.Equal(5.0, ((NumericColumn)table["b"])[1]);
    }

    [Fact]
    public void Read_BooleansAndIsoDates_AreInferred()
    {
        var path = _temp.File("t.csv", "flag,when\ntrue,2024-01-31\nFALSE,2024-02-01T08:00:00Z\n,\n");

        var table = CsvTableReader.Read(path);

        var flag = Assert.IsType<BooleanColumn>(table["flag"]);
        Assert.Equal([true, false, null], [flag[0], flag[1], flag[2]]);
        var when = Assert.IsType<DateTimeColumn>(table["when"]);
        Assert.Equal(new DateTime(2024, 2, 1, 8, 0, 0, DateTimeKind.Utc), when[1]);
        Assert.Null(when[2]);
    }

    [Fact]
    public void Read_MissingFile_NamesThePath()
    {
        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(_temp.Combine("nope.csv")));

        Assert.Contains("nope.csv", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysItIsEmpty()
    {
        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(_temp.File("empty.csv", "")));

        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Read_HeaderOnly_SaysThereAreNoRows()
    {
        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(_temp.File("h.csv", "a,b,c\n"), new CsvReadOptions { HasHeader = true }));

        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Read_RaggedRow_NamesTheLineAndTheFieldCounts()
    {
        var path = _temp.File("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");

        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(path));

        Assert.Contains("line 3", e.Message);
        Assert.Contains("2 fields", e.Message);
        Assert.Contains("3 columns", e.Message);
    }

    [Fact]
    public void Read_TextInAColumnDeclaredNumeric_NamesLineColumnAndValue()
    {
        var path = _temp.File("bad.csv", "a,b\n1,2\n3,oops\n");

        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(path, new CsvReadOptions
        {
            Types = new Dictionary<string, ColumnType> { ["b"] = ColumnType.Numeric },
        }));

        Assert.Contains("line 3", e.Message);
        Assert.Contains("column 'b'", e.Message);
        Assert.Contains("'oops'", e.Message);
    }

    [Fact]
    public void Read_TypeOverrideForAnUnknownColumn_ListsTheColumns()
    {
        var path = _temp.File("a.csv", "a,b\n1,2\n");

        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(path, new CsvReadOptions
        {
            Types = new Dictionary<string, ColumnType> { ["zz"] = ColumnType.Numeric },
        }));

        Assert.Contains("'zz'", e.Message);
        Assert.Contains("The columns are: a, b", e.Message);
    }

    [Fact]
    public void Read_NumericColumnDeclaredCategorical_KeepsTheTextOfEachValue()
    {
        var path = _temp.File("zip.csv", "zip,n\n02134,1\n10001,2\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { Types = new Dictionary<string, ColumnType> { ["zip"] = ColumnType.Categorical } });

        Assert.Equal("02134", ((CategoricalColumn)table["zip"])[0]);
    }

    [Fact]
    public void Read_SchemaFile_NamesHeaderlessColumnsAndSetsRoles()
    {
        var schema = SchemaFile.Load(Samples.Path("adult.schema.json"));

        var table = CsvTableReader.Read(Samples.Path("adult.data"), schema.ApplyTo(new CsvReadOptions()));

        Assert.Equal("age", table.Schema[0].Name);
        Assert.Equal("income", table.Schema[14].Name);
        Assert.Equal(ColumnRole.Label, table.Schema["income"].Role);
        Assert.Equal(ColumnRole.Sensitive, table.Schema["sex"].Role);
    }

    [Fact]
    public void Read_MissingTokens_AreMissingInNumbersAndCategories()
    {
        var path = _temp.File("na.csv", "x,c\n1,a\nNA,?\nnull,NULL\n,None\nN/A,b\nnan,b\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(5, table["x"].MissingCount());
        Assert.Equal(3, table["c"].MissingCount());
    }

    [Fact]
    public void Read_ManyBatches_KeepsRowOrderAndFallsBackAcrossBatches()
    {
        var lines = new List<string> { "id,code,x" };
        for (var i = 0; i < 30_000; i++) lines.Add($"{i},{(i == 25_000 ? "late-text" : (i % 9).ToString())},{i * 0.5}");
        var path = _temp.File("big.csv", string.Join("\n", lines) + "\n");

        var table = CsvTableReader.Read(path);

        var id = Assert.IsType<NumericColumn>(table["id"]);
        Assert.Equal(Enumerable.Range(0, 30_000).Select(i => (double)i), id.Values.ToArray());
        var code = Assert.IsType<CategoricalColumn>(table["code"]);
        Assert.Equal("4", code[13]);
        Assert.Equal("late-text", code[25_000]);
        Assert.Equal(14_999.5, ((NumericColumn)table["x"])[29_999]);
    }

    [Fact]
    public void Read_ErrorsInSeveralColumnsOfOneBatch_ReportTheEarliestLine()
    {
        var lines = new List<string> { "a,b" };
        for (var i = 0; i < 12_000; i++) lines.Add(i == 9_500 ? "1,bad-b" : i == 9_800 ? "bad-a,2" : "1,2");
        lines.Add("1");
        var path = _temp.File("two.csv", string.Join("\n", lines) + "\n");
        var numeric = new CsvReadOptions { Types = new Dictionary<string, ColumnType> { ["a"] = ColumnType.Numeric, ["b"] = ColumnType.Numeric } };

        var e = Assert.Throws<KeelDataException>(() => CsvTableReader.Read(path, numeric));

        Assert.True(e.Message.Contains("line 9502"), e.Message);
        Assert.Contains("'bad-b'", e.Message);
    }
}
