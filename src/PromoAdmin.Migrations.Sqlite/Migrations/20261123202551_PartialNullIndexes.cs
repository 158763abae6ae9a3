using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartialNullIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_AssignedCustomerId",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_CampaignId",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_GroupId_IsArchived",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_VariantTargetingGroupId",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_AssignedCustomerId",
                table: "PromoCodes",
                column: "AssignedCustomerId",
                filter: "\"AssignedCustomerId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_CampaignId",
                table: "PromoCodes",
                column: "CampaignId",
                filter: "\"CampaignId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_GroupId_IsArchived",
                table: "PromoCodes",
                columns: new[] { "GroupId", "IsArchived" },
                filter: "\"GroupId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_VariantTargetingGroupId",
                table: "PromoCodes",
                column: "VariantTargetingGroupId",
                filter: "\"VariantTargetingGroupId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_AssignedCustomerId",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_CampaignId",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_GroupId_IsArchived",
                table: "PromoCodes");

            migrationBuilder.DropIndex(
                name: "IX_PromoCodes_VariantTargetingGroupId",
                table: "PromoCodes");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_AssignedCustomerId",
                table: "PromoCodes",
                column: "AssignedCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_CampaignId",
                table: "PromoCodes",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_GroupId_IsArchived",
                table: "PromoCodes",
                columns: new[] { "GroupId", "IsArchived" });

            migrationBuilder.CreateIndex(
                name: "IX_PromoCodes_VariantTargetingGroupId",
                table: "PromoCodes",
                column: "VariantTargetingGroupId");
        }
    }
}
