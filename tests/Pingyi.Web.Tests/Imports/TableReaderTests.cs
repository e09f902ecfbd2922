using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pingyi.Web.Modules.Imports;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Imports;

public sealed class TableReaderTests
{
    [Fact]
    public void Xlsx_ReadsSharedInlineNumericAndDateCells_InTheirColumns()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            wb.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("姓名")),
                new SharedStringItem(new Run(new Text("张")), new Run(new Text("三")), new PhoneticRun(new Text("zhang")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            var sheet = wb.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") }) { RowIndex = 1 },
                new Row(
                    new Cell { CellReference = "A3", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("张 三")) },
                    new Cell { CellReference = "B3", DataType = CellValues.SharedString, CellValue = new CellValue("1") },
                    new Cell { CellReference = "C3", CellValue = new CellValue("43647"), StyleIndex = 1 },
                    new Cell { CellReference = "D3", CellValue = new CellValue("12.5") },
                    new Cell { CellReference = "E3", DataType = CellValues.InlineString, InlineString = new InlineString(new Run(new Text("富")), new Run(new Text("文本"))) })
                { RowIndex = 3 }));
            wb.Workbook = new Workbook(new Sheets(new Sheet { Id = wb.GetIdOfPart(sheet), SheetId = 1, Name = "S" }));
        }
        stream.Position = 0;

        using var reader = TableReader.Open(stream, "a.xlsx");
        var rows = reader.Rows().ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].Number);
        Assert.Equal<string?>(["姓名"], rows[0].Cells.AsEnumerable());
        Assert.Equal(3, rows[1].Number);
        Assert.Equal<string?>(["张 三", "张三", "2019-07-01", "12.5", "富文本"], rows[1].Cells.AsEnumerable());
    }

    [Fact]
    public void Csv_WithQuotesCommasAndNewlines_IsReadPerRfc4180()
    {
        var csv = "姓名,备注\r\n\"王,五\",\"第一行\n第二行\"\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        using var reader = TableReader.Open(stream, "a.csv");
        var rows = reader.Rows().ToList();

        Assert.Equal<string?>(["王,五", "第一行\n第二行"], rows[1].Cells.AsEnumerable());
    }

    [Fact]
    public void Xlsx_ThatIsNotAWorkbook_IsRefusedReadably()
    {
        using var stream = new MemoryStream("PK\u0003\u0004 not really a zip"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => TableReader.Open(stream, "a.xlsx"));

        Assert.Contains("无法读取文件", error.Message);
    }

    [Fact]
    public void Writer_ThenReader_RoundTripsTextWithControlCharactersAndChinese()
    {
        using var stream = new MemoryStream();
        using (var writer = new TableWriter(stream, TableFormat.Xlsx, "表", ["甲", "乙"]))
        {
            writer.WriteRow(["一 & <二>", "\"引号\""]);
        }
        stream.Position = 0;

        var rows = Workbooks.Read(stream.ToArray());

        Assert.Equal(["一 & <二>", "\"引号\""], rows[1]);
    }
}
