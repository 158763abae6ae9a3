using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PromoAdmin.Domain.Catalog;
using PromoAdmin.Domain.Audit;
using PromoAdmin.Domain.Common;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Domain.Customers;

public sealed record CustomerInput(string? Key, string? Name, string? Email, string? Phone);

public sealed class CustomerInputValidator : AbstractValidator<CustomerInput>
{
    public CustomerInputValidator()
    {
        RuleFor(x => x.Key).NotEmpty().WithMessage("Key is required.")
            .Matches(CheckoutKey.Pattern).WithMessage(CheckoutKey.Message);
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.Email).EmailAddress().WithMessage("Email must be an email address such as ava@example.com.")
            .MaximumLength(256).When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Phone).MaximumLength(40);
    }
}

public sealed record SegmentInput(string? Name, IReadOnlyList<string>? CustomerKeys);

public sealed class SegmentInputValidator : AbstractValidator<SegmentInput>
{
    /// <summary>A segment is replaced whole on every save; beyond this a list belongs in a file import, not one request.</summary>
    public const int MaxMembers = 100_000;

    public SegmentInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(200);
        RuleFor(x => x.CustomerKeys).Must(keys => keys is null || keys.Count <= MaxMembers)
            .WithMessage($"A segment holds at most {MaxMembers} customers.");
    }
}

public sealed record SegmentSummary(int Id, string Name, int MemberCount);

public sealed record SegmentDetails(int Id, string Name, IReadOnlyList<string> CustomerKeys);

public sealed class CustomerService(PromoAdminDbContext db, IValidator<CustomerInput> customerValidator, IValidator<SegmentInput> segmentValidator, AuditLog audit)
{
    public Task<Page<Customer>> ListCustomersAsync(string? search, PageRequest page, CancellationToken ct = default) =>
        Search(db.Customers.AsNoTracking(), search).OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, ct);

    public Task<Customer?> FindCustomerAsync(int id, CancellationToken ct = default) =>
        db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Customer> CreateCustomerAsync(CustomerInput input, CancellationToken ct = default)
    {
        await customerValidator.EnsureValidAsync(input, ct);
        return await audit.SaveNewAsync(async token =>
        {
            var customer = new Customer { Key = input.Key!, Name = input.Name!.Trim(), Email = OrNull(input.Email), Phone = OrNull(input.Phone) };
            db.Customers.Add(customer);
            await db.SaveOrDuplicateAsync("key", $"A customer with key '{input.Key}' already exists.", token);
            return customer;
        }, customer => audit.Record(AuditEntities.Customer, customer.Id, customer.Name, AuditActions.Create,
            changes: AuditLog.Diff(null, new { customer.Key, customer.Name, customer.Email, customer.Phone })), ct);
    }

    public async Task<Customer> UpdateCustomerAsync(int id, CustomerInput input, CancellationToken ct = default)
    {
        await customerValidator.EnsureValidAsync(input, ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"Customer {id} not found.");
        customer.Key = input.Key!;
        customer.Name = input.Name!.Trim();
        customer.Email = OrNull(input.Email);
        customer.Phone = OrNull(input.Phone);
        audit.Record(AuditEntities.Customer, customer.Id, customer.Name, AuditActions.Update, changes: audit.TrackedChanges(customer));
        await db.SaveOrDuplicateAsync("key", $"A customer with key '{input.Key}' already exists.", ct);
        return customer;
    }

    public Task<Page<SegmentSummary>> ListSegmentsAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        var query = db.Segments.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.WhereAnyContains(db, search, g => g.Name);
        }
        return query.OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Select(g => new SegmentSummary(g.Id, g.Name, g.Members.Count))
            .ToPageAsync(page, ct);
    }

    /// <summary>
    /// The segments a picker offers: the first <paramref name="max"/> matching the search, plus the picked one; and whether
    /// more match (the picker then searches on the server).
    /// </summary>
    public async Task<(List<SegmentSummary> Segments, bool More)> SegmentOptionsAsync(string? search, int? pickedId, int max, CancellationToken ct = default)
    {
        var page = await ListSegmentsAsync(search, new PageRequest(1, max), ct);
        var items = page.Items.ToList();
        if (pickedId is int picked && items.All(s => s.Id != picked) && await FindSegmentAsync(picked, ct) is { } chosen) items.Insert(0, chosen);
        return (items, page.Total > page.Items.Count);
    }

    public Task<SegmentSummary?> FindSegmentAsync(int id, CancellationToken ct = default) =>
        db.Segments.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new SegmentSummary(g.Id, g.Name, g.Members.Count))
            .FirstOrDefaultAsync(ct);

    /// <summary>The segment with every member's key (what a PUT sends back), or null.</summary>
    public async Task<SegmentDetails?> FindSegmentDetailsAsync(int id, CancellationToken ct = default)
    {
        var segment = await db.Segments.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Id, g.Name }).FirstOrDefaultAsync(ct);
        if (segment is null) return null;
        var keys = await db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == id)
            .OrderBy(m => m.Customer.Key).Select(m => m.Customer.Key).ToListAsync(ct);
        return new SegmentDetails(segment.Id, segment.Name, keys);
    }

    public Task<Page<Customer>> ListSegmentMembersAsync(int segmentId, string? search, PageRequest page, CancellationToken ct = default)
    {
        var members = db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == segmentId).Select(m => m.Customer);
        return Search(members, search).OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(page, ct);
    }

    public async Task<SegmentDetails> CreateSegmentAsync(SegmentInput input, CancellationToken ct = default)
    {
        await segmentValidator.EnsureValidAsync(input, ct);
        var members = await ResolveMembersAsync(input.CustomerKeys, ct);
        var segment = await audit.SaveNewAsync(async token =>
        {
            var created = new Segment { Name = input.Name!.Trim() };
            created.Members.AddRange(members.Select(c => new SegmentMember { CustomerId = c.Id }));
            db.Segments.Add(created);
            await db.SaveOrDuplicateAsync("name", $"A segment named '{created.Name}' already exists.", token);
            return created;
        }, created => audit.Record(AuditEntities.Segment, created.Id, created.Name, AuditActions.Create,
            changes: [new AuditChange("name", null, created.Name), new AuditChange("members", null, $"{members.Count}")], count: members.Count), ct);
        return new SegmentDetails(segment.Id, segment.Name, members.Select(c => c.Key).ToList());
    }

    public async Task<SegmentDetails> UpdateSegmentAsync(int id, SegmentInput input, CancellationToken ct = default)
    {
        await segmentValidator.EnsureValidAsync(input, ct);
        var segment = await db.Segments.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException($"Segment {id} not found.");
        var members = await ResolveMembersAsync(input.CustomerKeys, ct);
        segment.Name = input.Name!.Trim();

        // Only the difference is written, so re-saving a large segment with one change touches one row.
        var current = (await db.SegmentMembers.Where(m => m.SegmentId == id).Select(m => m.CustomerId).ToListAsync(ct)).ToHashSet();
        var wanted = members.Select(c => c.Id).ToHashSet();
        db.SegmentMembers.RemoveRange(current.Where(c => !wanted.Contains(c)).Select(c => new SegmentMember { SegmentId = id, CustomerId = c }));
        db.SegmentMembers.AddRange(wanted.Where(c => !current.Contains(c)).Select(c => new SegmentMember { SegmentId = id, CustomerId = c }));
        var changes = audit.TrackedChanges(segment);
        if (!current.SetEquals(wanted)) changes.Add(new AuditChange("members", $"{current.Count}", $"{wanted.Count}"));
        audit.Record(AuditEntities.Segment, segment.Id, segment.Name, AuditActions.Update, changes: changes, count: wanted.Count);
        await db.SaveOrDuplicateAsync("name", $"A segment named '{segment.Name}' already exists.", ct);
        return new SegmentDetails(segment.Id, segment.Name, members.Select(c => c.Key).ToList());
    }

    private sealed record MemberKey(int Id, string Key);

    /// <summary>The customers behind the keys (input order, each once); any unknown key is a field error naming it.</summary>
    private async Task<List<MemberKey>> ResolveMembersAsync(IReadOnlyList<string>? keys, CancellationToken ct)
    {
        var wanted = (keys ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().ToList();
        if (wanted.Count == 0) return [];
        var found = new StoredKeys<MemberKey>(
            await db.Customers.AsNoTracking().Where(c => wanted.Contains(c.Key)).Select(c => new MemberKey(c.Id, c.Key)).ToListAsync(ct),
            m => m.Key);
        var unknown = wanted.Where(k => found.Find(k) is null).ToList();
        if (unknown.Count > 0) throw new DomainValidationException("customerKeys", StoredKeys.UnknownMessage("customer", unknown));
        return wanted.Select(k => found.Find(k)!).DistinctBy(m => m.Id).ToList();
    }

    private IQueryable<Customer> Search(IQueryable<Customer> query, string? search)
    {
        return query.WhereAnyContains(db, search, c => c.Name, c => c.Key, c => c.Email);
    }

    private static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
