using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "Batches",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Batches switched off before the switches existed: batch-level disable and archive then rewrote every code's
            // own flag. The batch's last such entry in the audit trail says which; its switch takes over, and its codes get
            // back the state a batch-level enable or unarchive then gave them (all of them).
            migrationBuilder.Sql("""
                UPDATE b SET [Disabled] = CAST(1 AS bit) FROM [Batches] AS b WHERE b.[Status] = N'Ready' AND (
                    SELECT TOP(1) a.[Action] FROM [AuditEntries] AS a WHERE a.[EntityType] = N'batch' AND a.[EntityId] = CAST(b.[Id] AS nvarchar(20))
                      AND a.[Action] IN (N'disable', N'enable') ORDER BY a.[Id] DESC) = N'disable';
                UPDATE b SET [Archived] = CAST(1 AS bit) FROM [Batches] AS b WHERE b.[Status] = N'Ready' AND (
                    SELECT TOP(1) a.[Action] FROM [AuditEntries] AS a WHERE a.[EntityType] = N'batch' AND a.[EntityId] = CAST(b.[Id] AS nvarchar(20))
                      AND a.[Action] IN (N'archive', N'unarchive') ORDER BY a.[Id] DESC) = N'archive';
                UPDATE [PromoCodes] SET [Enabled] = CAST(1 AS bit)
                WHERE [Enabled] = CAST(0 AS bit) AND [BatchId] IN (SELECT [Id] FROM [Batches] WHERE [Disabled] = CAST(1 AS bit));
                UPDATE [PromoCodes] SET [IsArchived] = CAST(0 AS bit), [ArchivedAt] = NULL
                WHERE [IsArchived] = CAST(1 AS bit) AND [BatchId] IN (SELECT [Id] FROM [Batches] WHERE [Archived] = CAST(1 AS bit));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_GroupId_IsArchived_LocationId_Id_BatchId",
                table: "PromoCodes",
                columns: new[] { "GroupId", "IsArchived", "LocationId", "Id", "BatchId" });

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
                columns: new[] { "GroupId", "IsArchived" });

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
