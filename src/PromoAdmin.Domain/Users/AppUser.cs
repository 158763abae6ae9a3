using Microsoft.AspNetCore.Identity;

namespace PromoAdmin.Domain.Users;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string CustomerService = "CustomerService";
    public const string Viewer = "Viewer";
    public static readonly string[] All = [Admin, Manager, CustomerService, Viewer];
}
