using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
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
/// sheet: the worksheet is read with the OpenXML SDK's forward-only reader.
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
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"无法读取文件：{e.Message}", e);
        }
    }
}

internal sealed class XlsxTableReader : TableReader
{
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;
    private readonly List<string> _sharedStrings = [];
    private readonly HashSet<uint> _dateStyles = [];

    public XlsxTableReader(Stream stream)
    {
        _document = SpreadsheetDocument.Open(stream, false);
        var workbook = _document.WorkbookPart ?? throw new InvalidDataException("工作簿中没有工作表");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("工作簿中没有工作表");
        _sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        if (workbook.SharedStringTablePart is { } sst)
        {
            ReadSharedStrings(sst);
        }
        ReadDateStyles(workbook);
    }

    // Excel keeps every distinct text once in the shared-string table: one <si> per string, its text
    // in <t> elements (rich text splits it into runs), phonetic hints (<rPh>) excluded.
    private void ReadSharedStrings(SharedStringTablePart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
        System.Text.StringBuilder? text = null;
        var advanced = false;
        while (advanced || xml.Read())
        {
            advanced = false;
            if (xml.NodeType == System.Xml.XmlNodeType.Element)
            {
                switch (xml.LocalName)
                {
                    case "si":
                        text = new System.Text.StringBuilder();
                        if (xml.IsEmptyElement)
                        {
                            _sharedStrings.Add(string.Empty);
                            text = null;
                        }
                        break;
                    case "t" when text is not null:
                        text.Append(xml.ReadElementContentAsString());
                        advanced = true;
                        break;
                    case "rPh":
                        xml.Skip();
                        advanced = true;
                        break;
                }
            }
            else if (xml.NodeType == System.Xml.XmlNodeType.EndElement && xml.LocalName == "si" && text is not null)
            {
                _sharedStrings.Add(text.ToString());
                text = null;
            }
        }
    }

    private void ReadDateStyles(WorkbookPart workbook)
    {
        var formats = workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList();
        if (formats is null)
        {
            return;
        }
        var custom = workbook.WorkbookStylesPart!.Stylesheet!.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode?.Value ?? string.Empty) ?? [];
        for (var i = 0; i < formats.Count; i++)
        {
            var id = formats[i].NumberFormatId?.Value ?? 0;
            var isDate = id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58
                || (custom.TryGetValue(id, out var code) && code.Replace("\"", "", StringComparison.Ordinal).IndexOfAny(['y', 'd', '年', '日']) >= 0);
            if (isDate)
            {
                _dateStyles.Add((uint)i);
            }
        }
    }

    /// <summary>
    /// Rows of the sheet, read with a plain forward-only XmlReader over the worksheet part: the SDK's
    /// own reader builds objects for every element, which made reading the larger half of an import.
    /// Elements are matched by local name, so transitional and strict files both read.
    /// </summary>
    public override IEnumerable<TableRow> Rows()
    {
        using var stream = _sheet.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true });
        var previous = 0;
        while (xml.Read())
        {
            if (xml.NodeType != System.Xml.XmlNodeType.Element)
            {
                continue;
            }
            if (xml.LocalName == "dimension")
            {
                var reference = xml.GetAttribute("ref");
                if (reference?.Split(':') is [_, var last] && int.TryParse(new string(last.Where(char.IsAsciiDigit).ToArray()), out var lastRow))
                {
                    ExpectedRows = lastRow;
                }
            }
            else if (xml.LocalName == "row")
            {
                var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : previous + 1;
                previous = number;
                yield return new TableRow(number, xml.IsEmptyElement ? [] : ReadCells(xml));
            }
        }
    }

    private string?[] ReadCells(System.Xml.XmlReader xml)
    {
        var cells = new List<string?>(16);
        var depth = xml.Depth;
        string? type = null, style = null, value = null;
        System.Text.StringBuilder? inline = null;
        var column = -1;
        // After ReadElementContentAsString or Skip the reader already stands on the next node.
        var advanced = false;
        while ((advanced || xml.Read()) && xml.Depth > depth)
        {
            advanced = false;
            if (xml.NodeType == System.Xml.XmlNodeType.EndElement)
            {
                if (xml.LocalName == "c")
                {
                    Add(cells, column, CellText(type, style, value, inline?.ToString()));
                }
                continue;
            }
            if (xml.NodeType != System.Xml.XmlNodeType.Element)
            {
                continue;
            }
            switch (xml.LocalName)
            {
                case "c":
                    var reference = xml.GetAttribute("r");
                    column = reference is not null ? ColumnIndex(reference) : cells.Count;
                    type = xml.GetAttribute("t");
                    style = xml.GetAttribute("s");
                    value = null;
                    inline = null;
                    if (xml.IsEmptyElement)
                    {
                        Add(cells, column, null);
                    }
                    break;
                case "v":
                    value = xml.ReadElementContentAsString();
                    advanced = true;
                    break;
                case "is":
                    inline = new System.Text.StringBuilder();
                    break;
                case "t" when inline is not null:
                    inline.Append(xml.ReadElementContentAsString());
                    advanced = true;
                    break;
                case "rPh" or "f":
                    // Phonetic hints and formulas are not the cell's text.
                    xml.Skip();
                    advanced = true;
                    break;
            }
        }
        return [.. cells];

        static void Add(List<string?> cells, int column, string? text)
        {
            while (cells.Count < column)
            {
                cells.Add(null);
            }
            cells.Add(text);
        }
    }

    private string? CellText(string? type, string? style, string? raw, string? inline)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(raw, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count ? _sharedStrings[index] : null;
            case "inlineStr":
                return inline;
            case "b":
                return raw == "1" ? "TRUE" : "FALSE";
            case null or "n" when raw is not null && style is not null
                && uint.TryParse(style, CultureInfo.InvariantCulture, out var styleIndex) && _dateStyles.Contains(styleIndex)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var oa) && oa is > 0 and < 2958466:
                return DateTime.FromOADate(oa).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            default:
                return raw ?? inline;
        }
    }

    /// <summary>"AB12" → 27 (0-based).</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    public override void Dispose() => _document.Dispose();
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
