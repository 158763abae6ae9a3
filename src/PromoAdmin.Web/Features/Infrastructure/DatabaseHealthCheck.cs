using Microsoft.Extensions.Diagnostics.HealthChecks;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Web.Features.Infrastructure;

/// <summary>/health is healthy only when the database answers.</summary>
public sealed class DatabaseHealthCheck(PromoAdminDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy("Database reachable.")
            : HealthCheckResult.Unhealthy("Database unreachable.");
}
