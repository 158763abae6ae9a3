using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// Nothing on SQL Server: the partial indexes that skip NULL foreign keys are SQLite's (its batch inserts pay for every
    /// index entry); this keeps the two providers' migration histories the same.
    /// </summary>
    public partial class PartialNullIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
