namespace Pingyi.Web.Infrastructure;

/// <summary>A document to download: its bytes and its Chinese file name.</summary>
public sealed record Paper(byte[] Content, string FileName)
{
    public const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public IResult ToResult() => Results.File(Content, WordType, FileName);
}
