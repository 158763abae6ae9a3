using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RedemptionChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Redemptions",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "online");

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_LocationId_RedeemedAt",
                table: "Redemptions",
                columns: new[] { "LocationId", "RedeemedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Redemptions_LocationId_RedeemedAt",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Redemptions");
        }
    }
}
