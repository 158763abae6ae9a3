using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RedemptionsAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BatchId",
                table: "Redemptions",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Redemptions",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "online");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Day",
                table: "Redemptions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Redemptions",
                type: "int",
                nullable: true);

            // The group and batch of each earlier redemption's code, kept with it as a redeem now does; its day is given at
            // start-up, on its location's calendar (ReportQueries.BackfillDaysAsync).
            migrationBuilder.Sql("""
                EXEC(N'UPDATE r SET r.[GroupId] = p.[GroupId], r.[BatchId] = p.[BatchId]
                FROM [Redemptions] AS r INNER JOIN [PromoCodes] AS p ON p.[Id] = r.[PromoCodeId];');
                """);

            migrationBuilder.CreateTable(
                name: "ValidationCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LocationId = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    PromoCodeId = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ValidationCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_Reports",
                table: "Redemptions",
                columns: new[] { "LocationId", "Day", "Status", "PromoCodeId", "CampaignId", "GroupId", "BatchId", "Discount" });

            migrationBuilder.CreateIndex(
                name: "IX_ValidationCounts_Day",
                table: "ValidationCounts",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_ValidationCounts_LocationId_Day_Outcome_PromoCodeId",
                table: "ValidationCounts",
                columns: new[] { "LocationId", "Day", "Outcome", "PromoCodeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ValidationCounts");

            migrationBuilder.DropIndex(
                name: "IX_Redemptions_Reports",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "Day",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Redemptions");
        }
    }
}
