using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_AllLocations_List",
                table: "PromoCodes",
                columns: new[] { "IsArchived", "LocationId" },
                filter: "\"AllLocations\"");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "GroupId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_AllLocations_List",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_LocationId_IsArchived_GroupId",
                table: "PromoCodes");
        }
    }
}
