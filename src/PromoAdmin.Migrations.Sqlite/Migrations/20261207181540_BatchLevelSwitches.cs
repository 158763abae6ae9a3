using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BatchLevelSwitches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_GroupId_IsArchived",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_Id",
                table: "PromoCodes");

            migrationBuilder.AddColumn<bool>(
                name: "Archived",
                table: "Batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "Batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Batches switched off before the switches existed: batch-level disable and archive then rewrote every code's
            // own flag. The batch's last such entry in the audit trail says which; its switch takes over, and its codes get
            // back the state a batch-level enable or unarchive then gave them (all of them).
            migrationBuilder.Sql("""
                UPDATE "Batches" SET "Disabled" = 1 WHERE "Status" = 'Ready' AND (
                    SELECT a."Action" FROM "AuditEntries" AS a WHERE a."EntityType" = 'batch' AND a."EntityId" = CAST("Batches"."Id" AS TEXT)
                      AND a."Action" IN ('disable', 'enable') ORDER BY a."Id" DESC LIMIT 1) = 'disable';
                UPDATE "Batches" SET "Archived" = 1 WHERE "Status" = 'Ready' AND (
                    SELECT a."Action" FROM "AuditEntries" AS a WHERE a."EntityType" = 'batch' AND a."EntityId" = CAST("Batches"."Id" AS TEXT)
                      AND a."Action" IN ('archive', 'unarchive') ORDER BY a."Id" DESC LIMIT 1) = 'archive';
                UPDATE "PromoCodes" SET "Enabled" = 1 WHERE NOT "Enabled" AND "BatchId" IN (SELECT "Id" FROM "Batches" WHERE "Disabled");
                UPDATE "PromoCodes" SET "IsArchived" = 0, "ArchivedAt" = NULL WHERE "IsArchived" AND "BatchId" IN (SELECT "Id" FROM "Batches" WHERE "Archived");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_GroupId_IsArchived_LocationId_Id_BatchId",
                table: "PromoCodes",
                columns: new[] { "GroupId", "IsArchived", "LocationId", "Id", "BatchId" },
                filter: "\"GroupId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_Id_BatchId",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "Id", "BatchId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Archived",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "Batches");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_GroupId_IsArchived_LocationId_Id_BatchId",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_Id_BatchId",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_GroupId_IsArchived",
                table: "PromoCodes",
                columns: new[] { "GroupId", "IsArchived" },
                filter: "\"GroupId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_Id",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "Id" });
        }
    }
}
