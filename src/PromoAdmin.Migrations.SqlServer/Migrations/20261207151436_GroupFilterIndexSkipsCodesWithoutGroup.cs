using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GroupFilterIndexSkipsCodesWithoutGroup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on SQL Server: the partial group-filter index is SQLite's (see PromoAdminDbContext); the migration keeps
            // both providers' histories the same.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
