using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GroupFilterIndexSkipsCodesWithoutGroup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "GroupId" },
                filter: "\"GroupId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "GroupId" });
        }
    }
}
