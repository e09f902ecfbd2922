using System.Security.Cryptography;
using Pingyi.Web.Data;

namespace Pingyi.Web.Infrastructure;

public sealed record StoredFile(string Path, string Sha256, long Length, string FileName, string ContentType)
{
    /// <summary>The name as the records keep it: its last 200 characters, so the extension stays.</summary>
    public string ShortName => FileName.Length > 200 ? FileName[^200..] : FileName;
}

/// <summary>
/// Uploaded files (slides, evidence) outside the database, in the data folder, named by their SHA-256
/// so the same file is kept once and a stored file can be checked against its hash. Who may read a
/// file is decided by the module that owns the row pointing at it.
/// </summary>
public sealed class FileStore(IConfiguration configuration)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    private string Root => System.IO.Path.Combine(configuration.DataDirectory(), "files");

    /// <summary>Stores the upload when its type is allowed and it is not too large; refused with the reason otherwise.</summary>
    public async Task<StoredFile> SaveAsync(IFormFile file, IReadOnlyCollection<string> allowedExtensions, long maxBytes, CancellationToken ct)
    {
        var name = System.IO.Path.GetFileName(file.FileName ?? string.Empty);
        var extension = System.IO.Path.GetExtension(name).ToLowerInvariant();
        if (!allowedExtensions.Contains(extension) || !ContentTypes.TryGetValue(extension, out var contentType))
        {
            throw RuleViolation.Invalid($"不支持的文件类型“{extension}”：只能上传 {string.Join("、", allowedExtensions)} 文件");
        }
        if (file.Length <= 0 || file.Length > maxBytes)
        {
            throw RuleViolation.Invalid($"文件大小须在 1 字节到 {maxBytes / 1024 / 1024} MB 之间");
        }
        Directory.CreateDirectory(Root);
        var temporary = System.IO.Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        string hash;
        await using (var output = File.Create(temporary))
        await using (var input = file.OpenReadStream())
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        if (!ContentMatches(temporary, extension))
        {
            File.Delete(temporary);
            throw RuleViolation.Invalid($"“{name}”的内容不是 {extension} 文件（可能改过扩展名）：请上传原始文件");
        }
        var relative = System.IO.Path.Combine(hash[..2], hash + extension);
        var target = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(temporary);
        }
        else
        {
            File.Move(temporary, target);
        }
        return new StoredFile(relative.Replace('\\', '/'), hash, file.Length, name, contentType);
    }

    /// <summary>
    /// The file is what its name says, by its first bytes (and for Office Open XML by its main part): a script or a page renamed
    /// to .jpg or .pdf is refused, so nothing stored is served back as something it is not.
    /// </summary>
    public static bool ContentMatches(string path, string extension)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        var start = head[..read];
        return extension switch
        {
            ".pdf" => start.StartsWith("%PDF-"u8),
            ".png" => start.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => start.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            ".doc" or ".xls" or ".ppt" => start.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }),
            ".docx" => start.StartsWith("PK\u0003\u0004"u8) && HasPart(path, "word/document.xml"),
            ".xlsx" => start.StartsWith("PK\u0003\u0004"u8) && HasPart(path, "xl/workbook.xml"),
            ".pptx" => start.StartsWith("PK\u0003\u0004"u8) && HasPart(path, "ppt/presentation.xml"),
            _ => false,
        };

        static bool HasPart(string path, string part)
        {
            try
            {
                using var zip = System.IO.Compression.ZipFile.OpenRead(path);
                return zip.GetEntry(part) is not null;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }
    }

    public Stream? Open(string relativePath)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relativePath));
        return full.StartsWith(System.IO.Path.GetFullPath(Root), StringComparison.Ordinal) && File.Exists(full) ? File.OpenRead(full) : null;
    }

    public static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetValue(System.IO.Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";
}
