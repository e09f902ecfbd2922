using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// The head of an official document (公文): the issuing organ, whose formal name is the red issuer mark and the
/// signature; the document number (发文字号, null for a draft); the title; the addressee (主送机关) when there is one.
/// </summary>
public sealed record OfficialHead(string Issuer, string? Number, string Title, string? Addressee = null);

/// <summary>
/// Word documents in the format of GB/T 9704-2012 (党政机关公文格式): A4 with a 156 × 225 mm text block (margins top
/// 37 mm, bottom 35 mm, inner 28 mm, outer 26 mm, mirrored), 22 lines (a line grid) of 22 characters (character
/// spacing), the red issuer mark
/// and red separator line, the document number, the title in 小标宋 2号, the body in 仿宋_GB2312 3号 with 黑体 and 楷体
/// headings, the signature and date (no seal: the signature two characters from the right, the date two characters
/// further right), the colophon (版记) and page numbers "— 1 —" in 宋体 4号 on the outer side. The fonts the standard
/// names are rarely installed on servers and Linux desktops; the font table names their usual equivalents as
/// alternatives, so Word and LibreOffice substitute a 仿宋 for a 仿宋 and a 宋 for a 宋.
/// </summary>
public static partial class OfficialDocument
{
    public const string MarkFont = "方正小标宋简体";

    public const string TitleFont = MarkFont;

    public const string BodyFont = "仿宋_GB2312";

    public const string HeadingFont = "黑体";

    public const string SubheadingFont = "楷体_GB2312";

    public const string PageNumberFont = "宋体";

    /// <summary>3号 (16 pt) in half points: the body.</summary>
    public const int BodySize = 32;

    /// <summary>2号 (22 pt) in half points: the title.</summary>
    public const int TitleSize = 44;

    /// <summary>4号 (14 pt) in half points: page numbers and the colophon.</summary>
    public const int SmallSize = 28;

    /// <summary>Tables: 小四 (12 pt) in half points, so that a results table fits the text block.</summary>
    public const int TableSize = 24;

    public const string Red = "FF0000";

    /// <summary>Page: A4 in twips (1/1440 inch).</summary>
    public const int PageWidth = 11906, PageHeight = 16838;

    /// <summary>Margins in twips: 37, 35, 28 and 26 mm.</summary>
    public const int TopMargin = 2098, BottomMargin = 1984, InnerMargin = 1588, OuterMargin = 1474;

    /// <summary>The text block's width, 156 mm, in twips.</summary>
    public const int TextWidth = PageWidth - InnerMargin - OuterMargin;

    /// <summary>22 lines in the 225 mm text block: one line every 28.95 pt, in twips.</summary>
    public const int LinePitch = 579;

    /// <summary>
    /// 22 characters in the 156 mm block: 402 twips (20.1 pt) a character, the 16 pt body font plus 82 twips of
    /// character spacing. Spacing on the text rather than a character grid: LibreOffice's character grid puts every
    /// digit in a cell of its own and breaks numbers across lines.
    /// </summary>
    public const int CharacterPitch = TextWidth / 22;

    /// <summary>The character spacing of body text in twips (w:spacing).</summary>
    public const int CharacterSpacing = CharacterPitch - BodySize * 10;

    /// <summary>The fonts of the standard and what to use where they are missing: (name, alternative, family).</summary>
    private static readonly (string Name, string Alternative, FontFamilyValues Family)[] Fonts =
    [
        (MarkFont, "宋体", FontFamilyValues.Roman),
        (BodyFont, "仿宋", FontFamilyValues.Roman),
        (SubheadingFont, "楷体", FontFamilyValues.Roman),
        (HeadingFont, "SimHei", FontFamilyValues.Swiss),
        (PageNumberFont, "SimSun", FontFamilyValues.Roman),
        ("仿宋", "FangSong", FontFamilyValues.Roman),
    ];

    /// <summary>A whole official document: head, the content <paramref name="write"/> adds, signature, date and colophon.</summary>
    public static byte[] Create(OfficialHead head, DateOnly date, Action<OfficialBody> write)
    {
        using var output = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body());
            AddStyles(main);
            AddFonts(main);
            AddSettings(main);
            var body = main.Document.Body!;
            WriteHead(body, head);
            write(new OfficialBody(body));
            WriteSignature(body, head.Issuer, date);
            WriteColophon(body, head.Issuer, date);
            body.Append(Section(main));
            main.Document.Save();
        }
        return output.ToArray();
    }

    /// <summary>The date written in numerals as GB/T 9704 asks: 2026年11月30日.</summary>
    public static string DateText(DateOnly date) => ChinaTime.ChineseDate(date);

    public static string ChineseNumber(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static void WriteHead(Body body, OfficialHead head)
    {
        // The issuer mark: red 小标宋, centred, as large as the text block allows up to 小初 (36 pt).
        var markSize = Math.Min(72, 2 * 430 / Math.Max(1, Width(head.Issuer)));
        body.Append(Line(head.Issuer, MarkFont, markSize, JustificationValues.Center, color: Red));
        body.Append(Empty());
        // The document number two lines below the mark, then the red separator line under it.
        var number = Line(head.Number ?? string.Empty, BodyFont, BodySize, JustificationValues.Center);
        number.ParagraphProperties!.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12, Space = 4, Color = Red }));
        body.Append(number);
        body.Append(Empty());
        body.Append(Line(head.Title, TitleFont, TitleSize, JustificationValues.Center));
        body.Append(Empty());
        if (head.Addressee is { } addressee)
        {
            body.Append(Line(addressee, BodyFont, BodySize, JustificationValues.Left, spaced: true));
        }
    }

    /// <summary>No seal: the signature two characters from the right, the date below it starting two characters further right.</summary>
    private static void WriteSignature(Body body, string issuer, DateOnly date)
    {
        var name = Width(issuer);
        var when = Width(DateText(date));
        var (nameRight, dateRight) = when + 2 <= name ? (2.0, name - when) : (when + 4.0 - name, 2.0);
        // The signature never stands alone on a page: the last line of the text keeps with it.
        if (body.Elements<Paragraph>().LastOrDefault() is { } last)
        {
            (last.ParagraphProperties ??= new ParagraphProperties()).PrependChild(new KeepNext());
        }
        body.Append(KeptWithNext(Empty()));
        body.Append(KeptWithNext(Indented(Line(issuer, BodyFont, BodySize, JustificationValues.Right, spaced: true), rightChars: nameRight)));
        body.Append(Indented(Line(DateText(date), BodyFont, BodySize, JustificationValues.Right, spaced: true), rightChars: dateRight));
    }

    /// <summary>The colophon (版记): the printing organ one character from the left, the printing date one from the right, between two rules.</summary>
    private static void WriteColophon(Body body, string issuer, DateOnly date)
    {
        body.Append(Empty());
        var paragraph = Line(string.Empty, BodyFont, SmallSize, JustificationValues.Left);
        paragraph.RemoveAllChildren<Run>();
        paragraph.ParagraphProperties!.Append(
            new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 8, Space = 1 }, new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 1 }),
            new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth - 280 }),
            Indent(left: 1));
        paragraph.Append(TextRun(issuer, BodyFont, SmallSize), new Run(RunProps(BodyFont, SmallSize), new TabChar()), TextRun(DateText(date) + "印发", BodyFont, SmallSize));
        body.Append(paragraph);
    }

    private static SectionProperties Section(MainDocumentPart main)
    {
        var odd = Footer(main, JustificationValues.Right);
        var even = Footer(main, JustificationValues.Left);
        return new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(odd) },
            new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(even) },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = TopMargin, Bottom = BottomMargin, Left = InnerMargin, Right = OuterMargin, Header = 851, Footer = 1247, Gutter = 0 },
            new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch });
    }

    /// <summary>"— 1 —" in 宋体 4号, one character in from the outer edge.</summary>
    private static FooterPart Footer(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var paragraph = new Paragraph(
            new ParagraphProperties(new Justification { Val = side },
                side == JustificationValues.Right ? Indent(right: 1) : Indent(left: 1)),
            TextRun("— ", PageNumberFont, SmallSize),
            new Run(RunProps(PageNumberFont, SmallSize), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(RunProps(PageNumberFont, SmallSize), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(RunProps(PageNumberFont, SmallSize), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            TextRun("1", PageNumberFont, SmallSize),
            new Run(RunProps(PageNumberFont, SmallSize), new FieldChar { FieldCharType = FieldCharValues.End }),
            TextRun(" —", PageNumberFont, SmallSize));
        part.Footer = new Footer(paragraph);
        part.Footer.Save();
        return part;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                new Spacing { Val = CharacterSpacing },
                new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "zh-CN", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Both }))));
        styles.Styles.Save();
    }

    private static void AddFonts(MainDocumentPart main)
    {
        var table = main.AddNewPart<FontTablePart>();
        table.Fonts = new DocumentFormat.OpenXml.Wordprocessing.Fonts(Fonts.Select(f => new Font(
            new AltName { Val = f.Alternative },
            new FontCharSet { Val = "86" },
            new FontFamily { Val = f.Family },
            new Pitch { Val = FontPitchValues.Variable }) { Name = f.Name }));
        table.Fonts.Save();
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var settings = main.AddNewPart<DocumentSettingsPart>();
        settings.Settings = new Settings(new MirrorMargins(), new EvenAndOddHeaders(), new Compatibility(
            new CompatibilitySetting { Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));
        settings.Settings.Save();
    }

    /// <summary>The width of a text in characters: CJK and full-width characters one, ASCII half.</summary>
    internal static int Width(string text) => (int)Math.Ceiling(text.Sum(c => c < 0x2E80 ? 0.5 : 1.0));

    private static Paragraph Empty() => new(new ParagraphProperties());

    private static Paragraph KeptWithNext(Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.PrependChild(new KeepNext());
        return paragraph;
    }

    private static Paragraph Line(string text, string font, int size, JustificationValues justification, string? color = null, bool spaced = false)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = justification }));
        paragraph.Append(spaced ? BodyRuns(text, font) : [TextRun(text, font, size, color: color)]);
        return paragraph;
    }

    /// <summary>
    /// Body text in runs: Chinese with the character spacing of the 22-character line, numbers and Latin letters
    /// without it (as Word's character grid leaves half-width characters unspaced).
    /// </summary>
    internal static IEnumerable<Run> BodyRuns(string text, string font) =>
        HalfWidth().Split(Tight(text)).Where(part => part.Length > 0).Select(part =>
            TextRun(part, font, BodySize, spaced: !HalfWidth().IsMatch(part)));

    [System.Text.RegularExpressions.GeneratedRegex(@"([\u0021-\u007E]+)")]
    private static partial System.Text.RegularExpressions.Regex HalfWidth();

    private static Paragraph Indented(Paragraph paragraph, double rightChars)
    {
        paragraph.ParagraphProperties!.Append(Indent(right: rightChars));
        return paragraph;
    }

    /// <summary>A run's properties; only body text (<paramref name="spaced"/>) keeps the character spacing of the 22-character line.</summary>
    internal static RunProperties RunProps(string font, int size, bool bold = false, string? color = null, bool spaced = false)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        if (bold)
        {
            properties.Append(new Bold());
        }
        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }
        properties.Append(new Spacing { Val = spaced ? CharacterSpacing : 0 });
        properties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) });
        return properties;
    }

    internal static Run TextRun(string text, string font, int size, bool bold = false, string? color = null, bool spaced = false) =>
        new(RunProps(font, size, bold, color, spaced), new Text(Tight(text)) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>Official documents set numbers close to Chinese text: "共 14 名" is written 共14名.</summary>
    internal static string Tight(string text) => SpaceBesideNumber().Replace(text, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[\u2E80-\uFFEF])[ \u00A0](?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \u00A0](?=[\u2E80-\uFFEF])")]
    private static partial System.Text.RegularExpressions.Regex SpaceBesideNumber();

    /// <summary>An indentation of whole characters of body text, in characters for Word and twips for LibreOffice.</summary>
    internal static Indentation Indent(double firstLine = 0, double left = 0, double right = 0)
    {
        var indentation = new Indentation();
        if (firstLine > 0)
        {
            indentation.FirstLineChars = (int)Math.Round(firstLine * 100);
            indentation.FirstLine = Twips(firstLine);
        }
        if (left > 0)
        {
            indentation.LeftChars = (int)Math.Round(left * 100);
            indentation.Left = Twips(left);
        }
        if (right > 0)
        {
            indentation.RightChars = (int)Math.Round(right * 100);
            indentation.Right = Twips(right);
        }
        return indentation;
    }

    private static string Twips(double characters) => ((int)Math.Round(characters * CharacterPitch)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The content of an official document: body paragraphs, headings of the first and second level, tables.</summary>
public sealed class OfficialBody(Body body)
{
    /// <summary>A body paragraph: 仿宋 3号, the first line indented two characters.</summary>
    public OfficialBody Text(string text) => Indented(text, OfficialDocument.BodyFont, keepNext: false);

    /// <summary>A first-level heading in 黑体 ("一、…"), indented two characters like the body.</summary>
    public OfficialBody Heading(string text) => Indented(text, OfficialDocument.HeadingFont, keepNext: true);

    /// <summary>A second-level heading in 楷体 ("（一）…").</summary>
    public OfficialBody Subheading(string text) => Indented(text, OfficialDocument.SubheadingFont, keepNext: true);

    private OfficialBody Indented(string text, string font, bool keepNext)
    {
        var properties = new ParagraphProperties(OfficialDocument.Indent(firstLine: 2));
        if (keepNext)
        {
            properties.PrependChild(new KeepNext());
        }
        var paragraph = new Paragraph(properties);
        paragraph.Append(OfficialDocument.BodyRuns(text, font));
        body.Append(paragraph);
        return this;
    }

    /// <summary>
    /// A bordered table as wide as the text block, the header row repeated on every page; cells centred except
    /// <paramref name="leftColumn"/>; <paramref name="weights"/> are the columns' relative widths.
    /// </summary>
    public OfficialBody Table(IReadOnlyList<string[]> rows, int[] weights, int leftColumn = -1)
    {
        var total = weights.Sum();
        var widths = weights.Select(w => OfficialDocument.TextWidth * w / total).ToArray();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Dxa, Width = widths.Sum().ToString(CultureInfo.InvariantCulture) },
            new TableJustification { Val = TableRowAlignmentValues.Center }, new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new TableRow();
            if (r == 0)
            {
                row.Append(new TableRowProperties(new CantSplit(), new TableHeader()));
            }
            else
            {
                row.Append(new TableRowProperties(new CantSplit()));
            }
            for (var c = 0; c < widths.Length; c++)
            {
                var paragraph = new Paragraph(new ParagraphProperties(new SnapToGrid { Val = false }, new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
                        new Justification { Val = c == leftColumn && r > 0 ? JustificationValues.Left : JustificationValues.Center }),
                    OfficialDocument.TextRun(rows[r][c], r == 0 ? OfficialDocument.HeadingFont : OfficialDocument.BodyFont, OfficialDocument.TableSize));
                row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = widths[c].ToString(CultureInfo.InvariantCulture) },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }), paragraph));
            }
            table.Append(row);
        }
        body.Append(table);
        // A table may not end a document or touch the next table: Word wants a paragraph after it.
        body.Append(new Paragraph(new ParagraphProperties()));
        return this;
    }
}
