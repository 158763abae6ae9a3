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
