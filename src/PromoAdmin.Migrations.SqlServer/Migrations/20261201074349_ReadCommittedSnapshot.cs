using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReadCommittedSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Readers see the last committed version instead of waiting for writers (docs/decisions/ADR-002). Only when it is
            // off (Azure SQL has it on); ALTER DATABASE cannot run in a transaction, and it needs the database to itself for a
            // moment, which ROLLBACK IMMEDIATE takes. Inside EXEC so that an idempotent script still compiles.
            migrationBuilder.Sql("""
                IF EXISTS (SELECT 1 FROM sys.databases WHERE name = DB_NAME() AND is_read_committed_snapshot_on = 0)
                    EXEC(N'ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE');
                """, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Left on: turning it off would bring back readers waiting for writers, and it may have been on before.
        }
    }
}
