using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Ledger;

/// <summary>An upload is checked by its content, not by its name: a page or a script renamed to a photo, a PDF or a Word file is refused and nothing is kept.</summary>
public sealed class EvidenceContentTests
{
    [Fact]
    public async Task AFileRenamedToAnAllowedType_IsRefused_ByItsContent()
    {
        await using var app = await TestApp.CreateAsync("Sqlite");
        var tree = await app.SeedAsync();
        var admin = await app.SignInAsync("admin");
        var township = await app.SignInAsync("t1admin");
        var id = (await (await admin.PostAsJsonAsync("/api/v1/ledger", new { category = "发展与服务", description = "村内道路破损", responsibleOrganizationId = tree.V11 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        async Task<HttpResponseMessage> UploadAsync(byte[] content, string name)
        {
            using var form = new MultipartFormDataContent { { new StringContent("整改进展"), "text" }, { new ByteArrayContent(content), "files", name } };
            return await township.PostAsync($"/api/v1/ledger/{id}/progress", form);
        }
        var page = "<html><script>alert(1)</script></html>"u8.ToArray();
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("readme.txt");
        }

        var asPhoto = await UploadAsync(page, "照片.jpg");
        var asPdf = await UploadAsync(page, "报告.pdf");
        var zipAsWord = await UploadAsync(zip.ToArray(), "材料.docx");
        var word = await UploadAsync(WordDocument(), "材料.docx");

        foreach (var refused in new[] { asPhoto, asPdf, zipAsWord })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("内容不是", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.LedgerEvidence.CountAsync()));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories));
    }

    private static byte[] WordDocument()
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("整改完成情况")))));
        }
        return stream.ToArray();
    }
}
