using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PromoAdmin.Domain.Data;

namespace PromoAdmin.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PromoAdminDbContext>
{
    public PromoAdminDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PromoAdminDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=(design-time);Database=PromoAdmin;Trusted_Connection=True");
        return new PromoAdminDbContext(options.Options);
    }
}
