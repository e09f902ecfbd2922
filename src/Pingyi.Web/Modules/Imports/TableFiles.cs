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

    public static TableReader Open(Stream stream, string? fileName)
    {
        try
        {
            return Detect(stream, fileName) == TableFormat.Xlsx ? new XlsxTableReader(stream) : new CsvTableReader(stream);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or ExcelDataReader.Exceptions.ExcelReaderException)
        {
            throw new InvalidDataException($"无法读取文件：{e.Message}", e);
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

    public XlsxTableReader(Stream stream)
    {
        _reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        ExpectedRows = _reader.RowCount > 0 ? _reader.RowCount : null;
    }

    public override IEnumerable<TableRow> Rows()
    {
        // The reader fills gaps in the sheet with empty rows, so the running count is the row's number.
        var number = 0;
        while (_reader.Read())
        {
            number++;
            var cells = new string?[_reader.FieldCount];
            var width = 0;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Text(_reader.GetValue(i));
                width = string.IsNullOrEmpty(cells[i]) ? width : i + 1;
            }
            // A row ends at its last cell with a value, as the sheet wrote it.
            if (width > 0)
            {
                yield return new TableRow(number, cells[..width]);
            }
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
/// Writes a one-sheet workbook row by row (OpenXmlWriter, inline strings), or CSV with a BOM so
/// Excel opens it as UTF-8.
/// </summary>
public sealed class TableWriter : IDisposable
{
    private readonly SpreadsheetDocument? _document;
    private readonly OpenXmlWriter? _xml;
    private readonly CsvWriter? _csv;
    private readonly StreamWriter? _csvText;
    private int _row;

    public TableWriter(Stream output, TableFormat format, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double>? widths = null)
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
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        _xml = OpenXmlWriter.Create(sheetPart);
        _xml.WriteStartElement(new Worksheet());
        _xml.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        _xml.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.Columns());
        for (var i = 0; i < headers.Count; i++)
        {
            var width = widths is not null && i < widths.Count ? widths[i] : Math.Max(10, headers[i].Length * 2.5 + 2);
            _xml.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true });
        }
        _xml.WriteEndElement();
        _xml.WriteStartElement(new SheetData());
        WriteRow(headers, style: 1);
    }

    public void WriteRow(IReadOnlyList<string?> values) => WriteRow(values, style: 0);

    private void WriteRow(IReadOnlyList<string?> values, uint style)
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
        _xml!.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, _row.ToString(CultureInfo.InvariantCulture))]);
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                continue;
            }
            var attributes = new List<OpenXmlAttribute>
            {
                new("r", string.Empty, ColumnName(i) + _row.ToString(CultureInfo.InvariantCulture)),
                new("t", string.Empty, "inlineStr"),
            };
            if (style != 0)
            {
                attributes.Add(new("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
            }
            _xml.WriteStartElement(new Cell(), attributes);
            _xml.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(values[i]!)));
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

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                  new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
                        new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true }));

    public void Dispose()
    {
        if (_xml is not null)
        {
            _xml.WriteEndElement(); // SheetData
            _xml.WriteEndElement(); // Worksheet
            _xml.Dispose();
            _document!.Dispose();
        }
        _csv?.Dispose();
        _csvText?.Dispose();
    }
}
