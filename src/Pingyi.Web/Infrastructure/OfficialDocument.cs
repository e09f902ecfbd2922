using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pingyi.Web.Infrastructure;

/// <summary>Word documents in the layout of official documents (公文): A4, 黑体 headings, 仿宋 text, bordered tables.</summary>
public static class OfficialDocument
{
    public const string TitleFont = "黑体";

    public const string BodyFont = "仿宋";

    /// <summary>A whole document written by <paramref name="write"/>, as the bytes of a .docx file.</summary>
    public static byte[] Create(Action<Body> write)
    {
        using var output = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var body = Start(doc);
            write(body);
            Finish(doc, body);
        }
        return output.ToArray();
    }

    public static Body Start(WordprocessingDocument doc)
    {
        var main = doc.AddMainDocumentPart();
        main.Document = new Document(new Body());
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont },
                new Languages { Val = "zh-CN", EastAsia = "zh-CN" }, new FontSize { Val = "28" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto }))));
        return main.Document.Body!;
    }

    public static void Finish(WordprocessingDocument doc, Body body)
    {
        // A4 with the customary margins of official documents.
        body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
        doc.MainDocumentPart!.Document.Save();
    }

    public static Paragraph Paragraph(string text, string font, int halfPoints, bool bold = false, bool center = false, bool right = false)
    {
        var runProperties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font }, new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        var paragraph = new Paragraph(new Run(runProperties, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center || right)
        {
            paragraph.PrependChild(new ParagraphProperties(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Right }));
        }
        return paragraph;
    }

    /// <summary>A bordered table with a repeating header row; cells centered except <paramref name="leftColumn"/>.</summary>
    public static Table Table(IReadOnlyList<string[]> rows, int[] widths, int leftColumn = -1)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Dxa, Width = widths.Sum().ToString(CultureInfo.InvariantCulture) },
            new TableJustification { Val = TableRowAlignmentValues.Center }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new DocumentFormat.OpenXml.Wordprocessing.TableRow();
            if (r == 0)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }
            for (var c = 0; c < widths.Length; c++)
            {
                row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = widths[c].ToString(CultureInfo.InvariantCulture) }),
                    Paragraph(rows[r][c], r == 0 ? TitleFont : BodyFont, 21, center: c != leftColumn)));
            }
            table.Append(row);
        }
        return table;
    }

    public static string ChineseNumber(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
