using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ListSourceAndSorting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_BatchId",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_BatchId_Id_IsArchived_LocationId_NormalizedCode",
                table: "PromoCodes",
                columns: new[] { "BatchId", "Id", "IsArchived", "LocationId", "NormalizedCode" });

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_Manual_List",
                table: "PromoCodes",
                columns: new[] { "LocationId", "IsArchived", "Id" },
                filter: "[BatchId] IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_BatchId_Id_IsArchived_LocationId_NormalizedCode",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_Manual_List",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_BatchId",
                table: "PromoCodes",
                column: "BatchId");
        }
    }
}
