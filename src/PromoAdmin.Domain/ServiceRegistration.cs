using Microsoft.Extensions.DependencyInjection;
using PromoAdmin.Domain.ApiClients;
using PromoAdmin.Domain.Locations;

namespace PromoAdmin.Domain;

public static class ServiceRegistration
{
    /// <summary>The domain services; each uses the DbContext directly.</summary>
    public static IServiceCollection AddPromoAdminServices(this IServiceCollection services)
    {
        services.AddSingleton<Data.WriteGate>();
        services.AddScoped<Users.Actor>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Settings.AccountSettingsService>();
        services.AddScoped<Audit.AuditQueries>();
        services.AddScoped<ApiClientService>();
        services.AddScoped<Users.UserSessionService>();
        services.AddScoped<Users.UserService>();
        services.AddScoped<LocationService>();
        services.AddScoped<PromoCodes.PromoCodeService>();
        services.AddScoped<Redemptions.CheckoutService>();
        services.AddScoped<Redemptions.IdempotencyStore>();
        services.AddScoped<PromoCodes.BulkUpdateService>();
        services.AddScoped<Groups.PromoCodeGroupService>();
        services.AddScoped<Redemptions.RedemptionQueries>();
        services.AddScoped<Catalog.CatalogService>();
        services.AddScoped<Customers.CustomerService>();
        services.AddScoped<Lookups.LookupService>();
        services.AddScoped<Batches.BatchService>();
        services.AddScoped<PromoCodes.SettingOptionsService>();
        services.AddSingleton<Batches.BatchJobSignal>();
        services.AddSingleton<Batches.BatchJobRunner>();
        services.AddOptions<Batches.BatchWorkerOptions>().BindConfiguration("Batches:Worker");
        services.AddScoped<Reports.ReportQueries>();
        services.AddSingleton<Reports.ValidationTally>();
        services.AddSingleton<Common.PromoAdminMetrics>();
        services.AddSingleton<Reports.ValidationCountWriter>();
        services.AddOptions<Reports.ReportOptions>().BindConfiguration("Reports");
        return services;
    }
}
