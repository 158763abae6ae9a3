using System.Security.Cryptography;

namespace PromoAdmin.Domain.Batches;

/// <summary>Random codes that are hard to guess: a cryptographically secure generator over an alphabet without look-alikes.</summary>
public static class CodeGenerator
{
    /// <summary>No 0/O, 1/I/L: what a customer reads off a receipt is what they type.</summary>
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int MinLength = 4;
    public const int MaxLength = 32;
    public const int DefaultLength = 10;
    /// <summary>At most this share of the possible codes may be handed out, so that a guessed code is almost never valid.</summary>
    public const double MaxSpaceShare = 0.01;

    /// <summary>The alphabet in ordinal order, so that a code's packed value sorts like its text (see <see cref="CodePool"/>).</summary>
    internal const string SortedAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string Next(int length, string? prefix = null)
    {
        Span<char> random = stackalloc char[length];
        RandomNumberGenerator.GetItems(Alphabet, random);
        return (prefix ?? "") + new string(random);
    }

    /// <summary>True when <paramref name="count"/> codes of <paramref name="length"/> random characters fill at most 1% of the space.</summary>
    public static bool IsHardToGuess(long count, int length) => count <= MaxSpaceShare * Math.Pow(Alphabet.Length, length);

    /// <summary>The smallest random length that keeps <paramref name="count"/> codes hard to guess, or null if none up to the maximum does.</summary>
    public static int? SmallestSafeLength(long count)
    {
        for (var length = MinLength; length <= MaxLength; length++)
            if (IsHardToGuess(count, length)) return length;
        return null;
    }
}

/// <summary>
/// The random parts of a batch's next codes, drawn up front and handed out in ordinal order. Inserting sorted keys
/// touches each page of the code indexes about once per batch instead of once per chunk, which makes a million-code
/// batch several times faster; the set of codes is exactly as random as drawing them one by one.
/// Holds 8 bytes per code (8 MB for a million); characters beyond the 12th are drawn when a code is handed out.
/// </summary>
public sealed class CodePool
{
    /// <summary>32 letters are 5 bits each: 12 of them fit a 64-bit key.</summary>
    private const int KeyChars = 12;
    private readonly ulong[] keys;
    private readonly int length;
    private int next;

    private CodePool(ulong[] keys, int length)
    {
        this.keys = keys;
        this.length = length;
    }

    public int Remaining => keys.Length - next;

    public static CodePool Create(int count, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, CodeGenerator.MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, CodeGenerator.MaxLength);
        var keyChars = Math.Min(length, KeyChars);
        var keys = new ulong[count];
        var random = new byte[Math.Min(count, 8192) * keyChars];
        for (var start = 0; start < count; start += random.Length / keyChars)
        {
            RandomNumberGenerator.Fill(random);
            var n = Math.Min(random.Length / keyChars, count - start);
            for (var i = 0; i < n; i++)
            {
                ulong key = 0;
                // 256 is a multiple of 32: the low 5 bits of a uniform byte are uniform, no rejection needed.
                for (var j = 0; j < keyChars; j++) key = (key << 5) | (uint)(random[i * keyChars + j] & 31);
                keys[start + i] = key;
            }
        }
        Array.Sort(keys);
        return new CodePool(keys, length);
    }

    /// <summary>The next <paramref name="count"/> codes (or fewer when the pool runs out), in ordinal order.</summary>
    public List<string> Take(int count)
    {
        var n = Math.Min(count, Remaining);
        var result = new List<string>(n);
        var keyChars = Math.Min(length, KeyChars);
        var tail = length - keyChars;
        Span<char> text = stackalloc char[length];
        var random = new byte[n * tail];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < n; i++)
        {
            var key = keys[next++];
            for (var j = keyChars - 1; j >= 0; j--)
            {
                text[j] = CodeGenerator.SortedAlphabet[(int)(key & 31)];
                key >>= 5;
            }
            for (var j = 0; j < tail; j++) text[keyChars + j] = CodeGenerator.SortedAlphabet[random[i * tail + j] & 31];
            result.Add(new string(text));
        }
        return result;
    }
}
