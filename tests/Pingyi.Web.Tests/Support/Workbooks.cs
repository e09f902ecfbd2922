using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pingyi.Web.Tests.Support;

/// <summary>Builds .xlsx files the way Excel does (shared strings), and reads workbooks back, with the OpenXML SDK.</summary>
public static class Workbooks
{
    public static byte[] Create(IEnumerable<string?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var strings = new Dictionary<string, int>();
            var sheetPart = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 0;
            foreach (var row in rows)
            {
                r++;
                var xmlRow = new Row { RowIndex = r };
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c] is not { } text)
                    {
                        continue;
                    }
                    if (!strings.TryGetValue(text, out var index))
                    {
                        index = strings.Count;
                        strings[text] = index;
                        sst.SharedStringTable.AppendChild(new SharedStringItem(new Text(text)));
                    }
                    xmlRow.AppendChild(new Cell { CellReference = $"{(char)('A' + c)}{r}", DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                }
                data.AppendChild(xmlRow);
            }
            sheetPart.Worksheet = new Worksheet(data);
            wb.Workbook = new Workbook(new Sheets(new Sheet { Id = wb.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The rows of the table on the first sheet (or <paramref name="sheetName"/>) as texts, shared and inline strings
    /// resolved, trailing blank cells dropped; a title row above the table (merged across row 1) is not part of it.
    /// </summary>
    public static List<string[]> Read(byte[] bytes, string? sheetName = null)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => sheetName is null || s.Name == sheetName);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
        var titled = part.Worksheet.Descendants<MergeCell>().Any(m => m.Reference!.Value!.StartsWith("A1:", StringComparison.Ordinal));
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var result = new List<string[]>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var col = 0;
                foreach (var ch in cell.CellReference!.Value!.TakeWhile(char.IsLetter))
                {
                    col = col * 26 + (ch - 'A' + 1);
                }
                while (cells.Count < col - 1)
                {
                    cells.Add(string.Empty);
                }
                cells.Add(cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty);
            }
            while (cells.Count > 0 && cells[^1].Length == 0)
            {
                cells.RemoveAt(cells.Count - 1);
            }
            result.Add([.. cells]);
        }
        return titled ? result[1..] : result;
    }

    /// <summary>
    /// How a sheet prints: its title row (null without one), whether it is landscape A4 fitted to one page wide, the rows
    /// repeated on every page, and whether its cells have borders.
    /// </summary>
    public static (string? Title, bool LandscapeA4FitToWidth, string? PrintTitles, bool Borders, IReadOnlyList<string> Sheets) PrintSetup(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
        var ws = part.Worksheet;
        var titled = ws.Descendants<MergeCell>().Any(m => m.Reference!.Value!.StartsWith("A1:", StringComparison.Ordinal));
        var title = titled ? ws.Descendants<Row>().First().Elements<Cell>().First().InnerText : null;
        var setup = ws.GetFirstChild<PageSetup>();
        var fit = ws.GetFirstChild<SheetProperties>()?.PageSetupProperties?.FitToPage?.Value == true;
        var landscape = setup is not null && setup.Orientation?.Value == OrientationValues.Landscape && setup.PaperSize?.Value == 9 && setup.FitToWidth?.Value == 1
            && setup.FitToHeight?.Value == 0 && fit;
        var titles = wb.Workbook.DefinedNames?.Elements<DefinedName>().FirstOrDefault(d => d.Name == "_xlnm.Print_Titles" && d.LocalSheetId?.Value == 0)?.Text;
        var borders = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().First().BorderId?.Value is { } id
            && wb.WorkbookStylesPart.Stylesheet.Borders!.Elements<Border>().ElementAt((int)id).LeftBorder?.Style?.Value == BorderStyleValues.Thin;
        return (title, landscape, titles, borders, [.. wb.Workbook.Sheets.Elements<Sheet>().Select(s => s.Name!.Value!)]);
    }

    public static readonly string[] RosterHeader = ["姓名", "性别", "公民身份号码", "手机号码", "所在组织编码", "所在组织名称", "党员类别", "入党日期", "转正日期", "职务", "任职日期", "两代表一委员", "学历"];
}
