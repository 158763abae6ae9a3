using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Data;
using PromoAdmin.Domain.Locations;
using PromoAdmin.Domain.PromoCodes;

namespace PromoAdmin.Domain.Batches;

/// <summary>A request to generate a batch (the <c>POST /api/v1/batches</c> body, docs/api.md#batches); the form posts the same shape.</summary>
public sealed record BatchRequest
{
    public string? LocationKey { get; init; }
    public string? Name { get; init; }
    public GenerationMethod? Method { get; init; }
    /// <summary>Method <c>count</c>: how many codes.</summary>
    public int? Count { get; init; }
    /// <summary>Method <c>segment</c>: one code per member of this segment, assigned to that customer.</summary>
    public int? SegmentId { get; init; }
    /// <summary>Random characters per code, after the prefix; default 10.</summary>
    public int? CodeLength { get; init; }
    public string? Prefix { get; init; }
    /// <summary>The settings every code of the batch gets (docs/rules.md#settings; a code text given here is ignored).</summary>
    public PromoCodeInput? Settings { get; init; }
}

public enum InventoryAction { Increment, Set }

/// <summary>The batch request's rules, and the code settings' own validator for <see cref="BatchRequest.Settings"/>.</summary>
public sealed class BatchRequestValidator : AbstractValidator<BatchRequest>
{
    public const int MaxCount = 1_000_000;
    public const int MaxPrefixLength = 20;

    public BatchRequestValidator(PromoAdminDbContext db, IValidator<PromoCodeInput> settings)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Batch name is required.").MaximumLength(200);
        RuleFor(x => x.LocationKey).NotEmpty().WithMessage("Pick the location that owns the codes.");
        RuleFor(x => x.LocationKey).MustAsync((key, ct) => LocationService.ExistsAsync(db, key, ct))
            .WithMessage(x => LocationService.UnknownMessage(x.LocationKey)).When(x => !string.IsNullOrEmpty(x.LocationKey));
        RuleFor(x => x.Method).NotNull().WithMessage("Select a generation method: Number of Codes or Target User Segment.");
        RuleFor(x => x.Count).NotNull().WithMessage("Enter the number of codes.")
            .InclusiveBetween(1, MaxCount).WithMessage($"Enter a number of codes from 1 to {MaxCount:N0}.")
            .When(x => x.Method == GenerationMethod.Count);
        RuleFor(x => x.SegmentId).NotNull().WithMessage("Pick the target user segment.")
            .When(x => x.Method == GenerationMethod.Segment);
        RuleFor(x => x.SegmentId).CustomAsync(async (id, ctx, ct) =>
        {
            var segment = await db.Segments.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Name, Members = s.Members.Count }).FirstOrDefaultAsync(ct);
            if (segment is null) ctx.AddFailure("segmentId", $"Segment {id} does not exist.");
            else if (segment.Members == 0) ctx.AddFailure("segmentId", $"Segment {segment.Name} has no customers: there is no one to generate codes for.");
        }).When(x => x.Method == GenerationMethod.Segment && x.SegmentId is not null);
        RuleFor(x => x.CodeLength).InclusiveBetween(CodeGenerator.MinLength, CodeGenerator.MaxLength)
            .WithMessage($"Number of characters must be from {CodeGenerator.MinLength} to {CodeGenerator.MaxLength}.");
        RuleFor(x => x.Prefix).MaximumLength(MaxPrefixLength).WithMessage($"The prefix can be at most {MaxPrefixLength} characters.")
            .Matches("^[A-Za-z0-9_-]*$").WithMessage("The prefix may contain only letters, digits, '-' and '_'.");
        RuleFor(x => x).CustomAsync(async (x, ctx, ct) =>
        {
            var length = x.CodeLength ?? CodeGenerator.DefaultLength;
            if (length is < CodeGenerator.MinLength or > CodeGenerator.MaxLength) return;
            long count = x.Method switch
            {
                GenerationMethod.Count => x.Count is >= 1 and <= MaxCount ? x.Count.Value : 0,
                GenerationMethod.Segment when x.SegmentId is int id => await db.SegmentMembers.CountAsync(m => m.SegmentId == id, ct),
                _ => 0,
            };
            if (count == 0 || CodeGenerator.IsHardToGuess(count, length)) return;
            ctx.AddFailure("codeLength", GuessableMessage(count, length));
        });
        // A batch's settings are whole: what they leave out takes its default, as on a single code.
        RuleFor(x => x).Custom((_, ctx) => ctx.RootContextData[PromoCodeInputValidator.WholeSettingsKey] = true);
        RuleFor(x => x.Settings!).SetValidator(settings).When(x => x.Settings is not null);
    }

    /// <summary>Why a request is refused as too easy to guess, naming the smallest length that works.</summary>
    public static string GuessableMessage(long count, int length)
    {
        var space = Math.Pow(CodeGenerator.Alphabet.Length, length);
        var smallest = CodeGenerator.SmallestSafeLength(count);
        var advice = smallest is int s ? string.Create(CultureInfo.InvariantCulture, $"Use at least {s} characters.") : "Generate fewer codes.";
        return string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} codes of {length} characters would fill more than 1% of the {space:N0} possible codes, so they would be easy to guess. {advice}");
    }
}
