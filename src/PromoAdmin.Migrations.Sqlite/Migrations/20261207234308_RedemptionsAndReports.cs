using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Redemptions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "online");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Day",
                table: "Redemptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Redemptions",
                type: "INTEGER",
                nullable: true);

            // The group and batch of each earlier redemption's code, kept with it as a redeem now does; its day is given at
            // start-up, on its location's calendar (ReportQueries.BackfillDaysAsync).
            migrationBuilder.Sql("""
                UPDATE "Redemptions" SET
                    "GroupId" = (SELECT p."GroupId" FROM "PromoCodes" AS p WHERE p."Id" = "Redemptions"."PromoCodeId"),
                    "BatchId" = (SELECT p."BatchId" FROM "PromoCodes" AS p WHERE p."Id" = "Redemptions"."PromoCodeId")
                WHERE "PromoCodeId" IS NOT NULL;
                """);

            migrationBuilder.CreateTable(
                name: "ValidationCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PromoCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
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
