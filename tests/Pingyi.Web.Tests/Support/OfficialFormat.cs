using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pingyi.Web.Tests.Support;

/// <summary>What an official document says in its head and body, read back from the .docx file.</summary>
public sealed record OfficialText(string Issuer, string Number, string Title, string Body);

/// <summary>
/// Reads a Word file back with the OpenXML SDK and checks it has the format of GB/T 9704-2012: A4, margins top 37 mm,
/// bottom 35 mm, inner 28 mm (mirrored), outer 26 mm; a line grid of 22 lines, character spacing for 22 characters a line; the issuer mark in red
/// 小标宋; the document number above a red rule; the title in 小标宋 2号; the body in 仿宋_GB2312 3号; fonts with named
/// fallbacks; page numbers "— n —" on odd and even pages.
/// </summary>
public static class OfficialFormat
{
    private const double TwipsPerMm = 1440 / 25.4;

    public static OfficialText Check(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = doc.MainDocumentPart!;
        var body = main.Document.Body!;

        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((210.0, 297.0), (Math.Round(size.Width!.Value / TwipsPerMm), Math.Round(size.Height!.Value / TwipsPerMm)));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((37.0, 35.0, 28.0, 26.0), (Math.Round(margin.Top!.Value / TwipsPerMm), Math.Round(margin.Bottom!.Value / TwipsPerMm),
            Math.Round(margin.Left!.Value / TwipsPerMm), Math.Round(margin.Right!.Value / TwipsPerMm)));
        Assert.NotNull(main.DocumentSettingsPart!.Settings.GetFirstChild<MirrorMargins>());
        var textWidth = size.Width!.Value - margin.Left!.Value - margin.Right!.Value;
        var textHeight = size.Height!.Value - margin.Top!.Value - margin.Bottom!.Value;
        var grid = section.GetFirstChild<DocGrid>()!;
        Assert.Equal(DocGridValues.Lines, grid.Type!.Value);
        Assert.Equal(22, (int)Math.Round((double)textHeight / grid.LinePitch!.Value));
        var defaults = main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var bodyPoints = int.Parse(defaults.FontSize!.Val!) / 2.0;
        Assert.Equal(16.0, bodyPoints); // 3号
        var pitch = bodyPoints + defaults.GetFirstChild<Spacing>()!.Val!.Value / 20.0;
        Assert.Equal(22, (int)Math.Floor(textWidth / 20.0 / pitch + 1e-9));

        var paragraphs = body.Elements<Paragraph>().ToList();
        var mark = paragraphs[0];
        var markRun = mark.Elements<Run>().Single();
        Assert.Equal("FF0000", markRun.RunProperties!.Color!.Val!.Value);
        Assert.Equal("方正小标宋简体", markRun.RunProperties.RunFonts!.EastAsia!.Value);
        Assert.Equal(JustificationValues.Center, mark.ParagraphProperties!.Justification!.Val!.Value);
        var number = paragraphs.First(p => p.ParagraphProperties?.ParagraphBorders?.BottomBorder is not null);
        Assert.Equal("FF0000", number.ParagraphProperties!.ParagraphBorders!.BottomBorder!.Color!.Value);
        var title = paragraphs.SkipWhile(p => p != number).Skip(1).First(p => p.InnerText.Length > 0);
        var titleRun = title.Elements<Run>().First();
        Assert.Equal("方正小标宋简体", titleRun.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("44", titleRun.RunProperties.FontSize!.Val!.Value); // 2号

        var bodyRuns = paragraphs.SkipWhile(p => p != title).Skip(1).Where(p => p.ParagraphProperties?.Indentation?.FirstLineChars?.Value == 200)
            .SelectMany(p => p.Elements<Run>()).ToList();
        Assert.NotEmpty(bodyRuns);
        Assert.All(bodyRuns.Where(r => r.InnerText.Any(c => c > 0x2E80)), r => Assert.Equal(defaults.GetFirstChild<Spacing>()!.Val!.Value, r.RunProperties!.Spacing!.Val!.Value));
        Assert.Contains(bodyRuns, r => r.RunProperties!.RunFonts!.EastAsia!.Value == "仿宋_GB2312" && r.RunProperties.FontSize!.Val!.Value == "32");
        Assert.All(bodyRuns, r => Assert.Contains(r.RunProperties!.RunFonts!.EastAsia!.Value, new[] { "仿宋_GB2312", "黑体", "楷体_GB2312" }));

        var fonts = main.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("宋体", fonts["方正小标宋简体"]);

        Assert.NotNull(main.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>());
        var footers = section.Elements<FooterReference>().ToDictionary(f => f.Type!.Value, f => (FooterPart)main.GetPartById(f.Id!.Value!));
        Assert.Equal(2, footers.Count);
        foreach (var footer in footers.Values)
        {
            Assert.Contains(" PAGE ", footer.Footer!.Descendants<FieldCode>().Single().Text);
            Assert.StartsWith("— ", footer.Footer.InnerText);
        }
        Assert.Equal(JustificationValues.Right, footers[HeaderFooterValues.Default].Footer!.Descendants<Justification>().Single().Val!.Value);
        Assert.Equal(JustificationValues.Left, footers[HeaderFooterValues.Even].Footer!.Descendants<Justification>().Single().Val!.Value);

        return new OfficialText(mark.InnerText, number.InnerText, title.InnerText,
            string.Join("\n", body.Descendants<Paragraph>().SkipWhile(p => p != title).Skip(1).Select(p => p.InnerText)));
    }
}
