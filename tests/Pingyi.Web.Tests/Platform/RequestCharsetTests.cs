using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Tests.Meetings;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Platform;

/// <summary>JSON bodies in the character sets Chinese clients send: GBK and GB18030 decoded, an unknown one refused with 415, never a 500.</summary>
public sealed class RequestCharsetTests
{
    static RequestCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ByteArrayContent Json(string json, string charset)
    {
        var encoding = Encoding.GetEncoding(charset);
        var content = new ByteArrayContent(encoding.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
        return content;
    }

    [Fact]
    public async Task GbkAndGb18030Bodies_AreDecoded_AndAnUnknownCharset_IsRefusedWith415()
    {
        await using var room = await MeetingRoom.CreateAsync("Sqlite", open: true);
        var tree = room.Tree;

        var gbk = await room.Admin.PostAsync($"/api/v1/organizations/{tree.V11}/rename", Json("""{"name":"东村党支部（甲）"}""", "gbk"));
        var gb18030 = await room.Admin.PostAsync($"/api/v1/organizations/{tree.V12}/rename", Json("""{"name":"西村党支部𠀀"}""", "GB18030"));
        var unknown = await room.Admin.PostAsync($"/api/v1/organizations/{tree.V21}/rename", WithCharset("""{"name":"南村"}""", "x-klingon"));
        var ballot = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots")
        {
            Content = Json(JsonSerializer.Serialize(new
            {
                meetingId = room.Id, reporterId = room.Meeting.Reporters[0], grade = "good", opinion = new { category = "组织建设", text = "抓党建工作扎实" },
            }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), "gbk"),
        };
        ballot.Headers.Add("X-Rater-Code", room.Meeting.Codes["public"][0]);
        var cast = await room.Phone.SendAsync(ballot);

        Assert.Equal(HttpStatusCode.OK, gbk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, gb18030.StatusCode);
        Assert.Equal("东村党支部（甲）", await room.App.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.V11).Select(o => o.Name).SingleAsync()));
        Assert.Equal("西村党支部𠀀", await room.App.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.V12).Select(o => o.Name).SingleAsync()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("x-klingon", problem.GetProperty("detail").GetString());
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
        Assert.NotEqual("南村", await room.App.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.V21).Select(o => o.Name).SingleAsync()));
        Assert.True(cast.IsSuccessStatusCode, $"{(int)cast.StatusCode} {await cast.Content.ReadAsStringAsync()}");
        Assert.Contains("抓党建工作扎实", await room.App.QueryAsync(db => db.Opinions.Select(o => o.Text).ToListAsync()));
    }

    private static ByteArrayContent WithCharset(string json, string charset)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
        return content;
    }
}
