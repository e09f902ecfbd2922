using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pingyi.Web.Modules.Imports;

public enum TableFormat
{
    Xlsx,
    Csv,
}

/// <summary>One row of a sheet: its 1-based row number as the user sees it and its cell texts.</summary>
public readonly record struct TableRow(int Number, string?[] Cells);

/// <summary>
/// Reads the first sheet of an .xlsx workbook or a CSV file row by row, never holding the whole
/// sheet: the workbook with ExcelDataReader's forward-only reader, CSV with CsvHelper.
/// </summary>
public abstract class TableReader : IDisposable
{
    /// <summary>Rows announced by the file (the sheet dimension), when it says; used for progress.</summary>
    public int? ExpectedRows { get; protected set; }

    public abstract IEnumerable<TableRow> Rows();

    public abstract void Dispose();

    public static TableFormat Detect(Stream stream, string? fileName)
    {
        Span<byte> magic = stackalloc byte[2];
        var position = stream.Position;
        var read = stream.Read(magic);
        stream.Position = position;
        if (read == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K')
        {
            return TableFormat.Xlsx;
        }
        if (fileName is not null && fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException("文件扩展名为 .xlsx，但内容不是有效的 Excel 工作簿");
        }
        return TableFormat.Csv;
    }

    /// <summary>What any parser failure on a damaged file becomes: an unreadable file, refused with a sentence.</summary>
    internal static InvalidDataException Unreadable(Exception e) =>
        new($"无法读取文件：不是完整有效的 Excel 工作簿或 CSV 文件，可能已损坏或不完整（{e.Message}）", e);

    /// <param name="sheet">The sheet of a workbook to read when it has one of that name; otherwise the first.</param>
    public static TableReader Open(Stream stream, string? fileName, string? sheet = null)
    {
        try
        {
            return Detect(stream, fileName) == TableFormat.Xlsx ? new XlsxTableReader(stream, sheet) : new CsvTableReader(stream);
        }
        // Whatever the parser throws on a damaged file is an unreadable file: a truncated zip makes it seek before the start
        // (ArgumentOutOfRangeException from the upload's stream), a mangled part is malformed XML (found by FuzzTests, FuzzCorpus/).
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw Unreadable(e);
        }
    }
}

/// <summary>
/// The first sheet of a workbook through ExcelDataReader (ADR 0012): a forward-only reader that knows
/// number formats (dates by format, including colour and upper-case formats), the 1904 date system and
/// shared strings. Cells come back as text the imports parse: dates yyyy-MM-dd, numbers invariant,
/// booleans TRUE/FALSE. Blank rows are skipped; each row keeps its number in the sheet.
/// </summary>
internal sealed class XlsxTableReader : TableReader
{
    private readonly IExcelDataReader _reader;

    static XlsxTableReader() =>
        // ExcelDataReader asks for code page 1252 on .NET even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public XlsxTableReader(Stream stream, string? sheet = null)
    {
        _reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        if (sheet is not null)
        {
            for (var i = 0; i < _reader.ResultsCount && _reader.Name != sheet; i++)
            {
                _reader.NextResult();
            }
            if (_reader.Name != sheet)
            {
                _reader.Reset();
            }
        }
        ExpectedRows = _reader.RowCount > 0 ? _reader.RowCount : null;
    }

    public override IEnumerable<TableRow> Rows()
    {
        // The reader fills gaps in the sheet with empty rows, so the running count is the row's number.
        var number = 0;
        while (Next())
        {
            number++;
            var cells = new string?[_reader.FieldCount];
            var width = 0;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Text(_reader.GetValue(i));
                width = string.IsNullOrEmpty(cells[i]) ? width : i + 1;
            }
            // A title above the header (TableWriter's title row: one cell merged across the first row) is not part of the table.
            if (number == 1 && _reader.MergeCells?.Any(m => m.FromRow == 0 && m.FromColumn == 0 && m.ToColumn > 0) == true
                && cells.Count(c => !string.IsNullOrEmpty(c)) == 1)
            {
                continue;
            }
            // A row ends at its last cell with a value, as the sheet wrote it.
            if (width > 0)
            {
                yield return new TableRow(number, cells[..width]);
            }
        }
    }

    /// <summary>
    /// The next row; whatever the parser throws on a damaged sheet (malformed XML, a broken zip entry, a bad number) is an
    /// unreadable file, refused like one (found by FuzzTests, kept in FuzzCorpus/).
    /// </summary>
    private bool Next()
    {
        try
        {
            return _reader.Read();
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw Unreadable(e);
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        double x => x.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public override void Dispose() => _reader.Dispose();
}

internal sealed class CsvTableReader : TableReader
{
    private readonly StreamReader _text;

    public CsvTableReader(Stream stream)
    {
        // Excel in China saves CSV as GB18030 unless asked for UTF-8; a BOM decides, else UTF-8 is tried strictly.
        _text = new StreamReader(stream, DetectEncoding(stream), detectEncodingFromByteOrderMarks: true);
    }

    private static Encoding DetectEncoding(Stream stream)
    {
        var position = stream.Position;
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = position;
        try
        {
            new UTF8Encoding(false, true).GetCharCount(buffer, 0, TrimPartial(buffer, read));
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    // A UTF-8 sequence cut by the buffer's end is not an error.
    private static int TrimPartial(byte[] buffer, int length)
    {
        var i = length;
        while (i > 0 && length - i < 4 && (buffer[i - 1] & 0xC0) == 0x80)
        {
            i--;
        }
        return i > 0 && buffer[i - 1] >= 0xC0 ? i - 1 : length;
    }

    public override IEnumerable<TableRow> Rows()
    {
        using var parser = new CsvParser(_text, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectDelimiter = true });
        while (parser.Read())
        {
            yield return new TableRow(parser.Row, parser.Record!);
        }
    }

    public override void Dispose() => _text.Dispose();
}

/// <summary>
/// Writes a workbook row by row (OpenXmlWriter, inline strings), or CSV with a BOM so Excel opens it as UTF-8. Every
/// sheet prints as a clerk expects: landscape A4 fitted to the page width, the header row repeated on every page,
/// borders, page numbers in the footer, and — when given — a title row above the header (imports skip it).
/// </summary>
public sealed class TableWriter : IDisposable
{
    private readonly SpreadsheetDocument? _document;
    private readonly CsvWriter? _csv;
    private readonly StreamWriter? _csvText;
    private OpenXmlWriter? _xml;
    private int _row;
    private int _columns;
    private string? _title;
    private uint _sheets;

    public TableWriter(Stream output, TableFormat format, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double>? widths = null, string? title = null)
    {
        if (format == TableFormat.Csv)
        {
            _csvText = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true);
            _csv = new CsvWriter(_csvText, CultureInfo.InvariantCulture);
            WriteRow(headers);
            return;
        }
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = _document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        workbookPart.Workbook = new Workbook(new Sheets(), new DefinedNames());
        StartSheet(sheetName, headers, widths, title);
    }

    /// <summary>Ends the current sheet and starts another (Excel only): the first sheet is the one imports read.</summary>
    public void NextSheet(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double>? widths = null, string? title = null)
    {
        EndSheet();
        StartSheet(sheetName, headers, widths, title);
    }

    private void StartSheet(string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double>? widths, string? title)
    {
        var workbookPart = _document!.WorkbookPart!;
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var index = _sheets++;
        workbookPart.Workbook.Sheets!.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = index + 1, Name = sheetName });
        var headerRow = title is null ? 1 : 2;
        workbookPart.Workbook.GetFirstChild<DefinedNames>()!.Append(new DefinedName($"'{sheetName}'!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = index });
        _row = 0;
        _columns = headers.Count;
        _title = title;
        _xml = OpenXmlWriter.Create(sheetPart);
        _xml.WriteStartElement(new Worksheet());
        _xml.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        var top = "A" + (headerRow + 1).ToString(CultureInfo.InvariantCulture);
        _xml.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = headerRow, TopLeftCell = top, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        _xml.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.Columns());
        for (var i = 0; i < headers.Count; i++)
        {
            var width = widths is not null && i < widths.Count ? widths[i] : Math.Max(10, headers[i].Length * 2.5 + 2);
            _xml.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true });
        }
        _xml.WriteEndElement();
        _xml.WriteStartElement(new SheetData());
        if (title is not null)
        {
            WriteRow([title], style: TitleStyle);
        }
        WriteRow(headers, style: HeaderStyle);
    }

    private void EndSheet()
    {
        _xml!.WriteEndElement(); // SheetData
        if (_title is not null && _columns > 1)
        {
            _xml.WriteElement(new MergeCells(new MergeCell { Reference = $"A1:{ColumnName(_columns - 1)}1" }) { Count = 1 });
        }
        _xml.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        // A4 (paper size 9), landscape, as wide as one page and as long as it needs.
        _xml.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        _xml.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        _xml.WriteEndElement(); // Worksheet
        _xml.Dispose();
        _xml = null;
    }

    public void WriteRow(IReadOnlyList<string?> values) => WriteRow(values, style: BodyStyle);

    /// <summary>
    /// A row whose cells at <paramref name="numeric"/> are numbers in Excel when they read as one (scores, positions:
    /// sums and sorting work); any other text there ("票数不足") stays text.
    /// </summary>
    public void WriteRow(IReadOnlyList<string?> values, IReadOnlySet<int> numeric) => WriteRow(values, BodyStyle, numeric);

    private const uint BodyStyle = 0, HeaderStyle = 1, TitleStyle = 2;

    private void WriteRow(IReadOnlyList<string?> values, uint style, IReadOnlySet<int>? numeric = null)
    {
        _row++;
        if (_csv is not null)
        {
            foreach (var v in values)
            {
                _csv.WriteField(v ?? string.Empty);
            }
            _csv.NextRecord();
            return;
        }
        // The title and the header rows are tall enough for a wrapped header; body rows size themselves.
        _xml!.WriteStartElement(new Row(), style == BodyStyle
            ? [new OpenXmlAttribute("r", string.Empty, _row.ToString(CultureInfo.InvariantCulture))]
            : [new OpenXmlAttribute("r", string.Empty, _row.ToString(CultureInfo.InvariantCulture)), new OpenXmlAttribute("ht", string.Empty, style == TitleStyle ? "28" : "32"),
                new OpenXmlAttribute("customHeight", string.Empty, "1")]);
        // Every cell of a table row is written, blank or not, so that its borders print.
        var count = style == TitleStyle ? values.Count : Math.Max(values.Count, _columns);
        for (var i = 0; i < count; i++)
        {
            var value = i < values.Count ? values[i] : null;
            var attributes = new List<OpenXmlAttribute>
            {
                new("r", string.Empty, ColumnName(i) + _row.ToString(CultureInfo.InvariantCulture)),
            };
            if (style != 0)
            {
                attributes.Add(new("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
            }
            if (string.IsNullOrEmpty(value))
            {
                _xml.WriteStartElement(new Cell(), attributes);
                _xml.WriteEndElement();
                continue;
            }
            if (numeric?.Contains(i) == true && decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                _xml.WriteStartElement(new Cell(), attributes);
                _xml.WriteElement(new CellValue(value));
                _xml.WriteEndElement();
                continue;
            }
            attributes.Add(new("t", string.Empty, "inlineStr"));
            _xml.WriteStartElement(new Cell(), attributes);
            _xml.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value)));
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
    }

    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + (index - 1) % 26) + name;
        }
        return name;
    }

    private static Stylesheet Stylesheet()
    {
        var thin = new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                      new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                      new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "宋体" })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(), thin),
            new CellFormats(
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true }) { FontId = 0, FillId = 0, BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                    { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                    { FontId = 2, FillId = 0, BorderId = 0, ApplyFont = true, ApplyAlignment = true }));
    }

    public void Dispose()
    {
        if (_xml is not null)
        {
            EndSheet();
            _document!.WorkbookPart!.Workbook.Save();
            _document.Dispose();
        }
        _csv?.Dispose();
        _csvText?.Dispose();
    }
}
