using System.Net.Http.Json;

namespace Pingyi.E2E;

/// <summary>What the other raters of a journey send while one scores in the browser: a ballot as the phone page posts it.</summary>
internal static class Raters
{
    public static HttpRequestMessage Ballot(string code, long meetingId, long reporterId, string? grade, decimal[]? indicators = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ballots") { Content = JsonContent.Create(new { meetingId, reporterId, grade, indicators }) };
        request.Headers.Add("X-Rater-Code", code);
        return request;
    }
}
