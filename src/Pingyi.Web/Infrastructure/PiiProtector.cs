using System.Security.Cryptography;
using System.Text;
using Pingyi.Web.Data;

namespace Pingyi.Web.Infrastructure;

/// <summary>
/// Encrypts personal data (ID numbers, phones) with AES-256-GCM under a key kept outside the
/// database, and computes keyed hashes (HMAC-SHA256 under a derived key) used to find a person by
/// ID number without decrypting. The key comes from PINGYI_PII_KEY (base64, 32 bytes) or the file
/// Pii:KeyFile (default data/keys/pii.key), which is created on first use.
/// </summary>
public sealed class PiiProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    // AesGcm is not thread-safe and costs a key schedule to create: one per thread.
    private readonly ThreadLocal<AesGcm> _aes;

    public PiiProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The personal-data key must be 32 bytes.", nameof(masterKey));
        }
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "pingyi-pii-encryption"u8.ToArray());
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "pingyi-pii-lookup"u8.ToArray());
        _aes = new ThreadLocal<AesGcm>(() => new AesGcm(_encryptionKey, TagSize));
    }

    public static PiiProtector FromConfiguration(IConfiguration configuration)
    {
        if (configuration["PINGYI_PII_KEY"] is { Length: > 0 } encoded)
        {
            return new PiiProtector(Convert.FromBase64String(encoded));
        }
        var file = configuration["Pii:KeyFile"] is { Length: > 0 } f
            ? Path.GetFullPath(f)
            : Path.Combine(configuration.DataDirectory(), "keys", "pii.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var key = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(file, Convert.ToBase64String(key));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return new PiiProtector(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    public byte[] Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Value!.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        return output;
    }

    public string Decrypt(byte[] cipher)
    {
        if (cipher.Length < 1 + NonceSize + TagSize || cipher[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown personal-data format.");
        }
        var plain = new byte[cipher.Length - 1 - NonceSize - TagSize];
        _aes.Value!.Decrypt(cipher.AsSpan(1, NonceSize), cipher.AsSpan(1 + NonceSize + TagSize), cipher.AsSpan(1 + NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string? DecryptOrNull(byte[]? cipher) => cipher is null || cipher.Length == 0 ? null : Decrypt(cipher);

    /// <summary>The birth date in an encrypted ID number (ages, young cadres), read in memory and never kept; null without a valid one.</summary>
    public DateOnly? BirthDateOrNull(byte[]? idNumberCipher) =>
        Core.People.ResidentIdNumber.TryParse(DecryptOrNull(idNumberCipher), out var id, out _) ? id.BirthDate : null;

    public string LookupHash(string normalizedValue) => Convert.ToHexStringLower(
        HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(normalizedValue)));
}
