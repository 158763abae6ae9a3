using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PromoAdmin.Domain.Users;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>A deactivated user cannot sign in, and their sessions ended when they were deactivated.</summary>
    public bool IsActive { get; set; } = true;
    /// <summary>Signed in with a temporary password: nothing else opens until it is changed.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>Sees every location; otherwise only those in <see cref="Locations"/>.</summary>
    public bool AllLocations { get; set; } = true;
    public List<UserLocation> Locations { get; set; } = [];
}

/// <summary>A location a limited user may see and act at.</summary>
public class UserLocation
{
    public required string UserId { get; set; }
    public int LocationId { get; set; }
}

internal sealed class UserLocationConfiguration : IEntityTypeConfiguration<UserLocation>
{
    public void Configure(EntityTypeBuilder<UserLocation> b)
    {
        b.HasKey(x => new { x.UserId, x.LocationId });
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasOne<AppUser>().WithMany(u => u.Locations).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Locations.Location>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string CustomerService = "CustomerService";
    public const string Viewer = "Viewer";
    public static readonly string[] All = [Admin, Manager, CustomerService, Viewer];

    /// <summary>How a role reads on screen ("Customer service"); the API speaks the role's name.</summary>
    public static string Label(string? role) => role == CustomerService ? "Customer service" : role ?? "";
}
