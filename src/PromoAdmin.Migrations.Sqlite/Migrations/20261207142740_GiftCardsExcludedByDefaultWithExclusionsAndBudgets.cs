using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GiftCardsExcludedByDefaultWithExclusionsAndBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Key",
                table: "VariantTargetingGroups",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Existing groups get a key from their id; new groups take one from their name.
            migrationBuilder.Sql("UPDATE \"VariantTargetingGroups\" SET \"Key\" = 'group-' || \"Id\";");

            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "Redemptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApplicableGroups",
                table: "PromoCodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ExcludedGroups",
                table: "PromoCodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ExcludedItems",
                table: "PromoCodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "IncludeGiftCards",
                table: "PromoCodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PurchaseDaysOfWeek",
                table: "PromoCodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "PurchaseTimeEnd",
                table: "PromoCodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "PurchaseTimeStart",
                table: "PromoCodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UsesPerCustomer",
                table: "PromoCodes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UsesPerCustomerPeriod",
                table: "PromoCodes",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "Ever");

            migrationBuilder.AddColumn<long>(
                name: "BudgetDiscountUsed",
                table: "Campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BudgetMaxDiscount",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BudgetMaxRedemptions",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BudgetRedemptionsUsed",
                table: "Campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_VariantTargetingGroups_Key",
                table: "VariantTargetingGroups",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_CampaignId",
                table: "Redemptions",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_PromoCodeId_CustomerKey_RedeemedAt",
                table: "Redemptions",
                columns: new[] { "PromoCodeId", "CustomerKey", "RedeemedAt" });

            // Gift cards: every existing code gets IncludeGiftCards = false (the column's default), so from now on no existing
            // code discounts a gift-card line or counts it toward a minimum (docs/decisions/ADR-006-rules-that-do-not-leak-money.md),
            // except the codes whose Applicable to names a gift card: they said so, and would otherwise stop applying at all.
            migrationBuilder.Sql("UPDATE \"PromoCodes\" SET \"IncludeGiftCards\" = 1 WHERE EXISTS (SELECT 1 FROM json_each(\"PromoCodes\".\"ApplicableTo\") AS j "
                + "JOIN \"CatalogItems\" AS i ON i.\"Key\" = j.value WHERE i.\"Kind\" = 'GiftCard');");
            // A code saved with a variant targeting group holds a copy of the group's items: it now names the group instead, so it
            // follows the group (only where the copy is still exactly the group's list).
            migrationBuilder.Sql("UPDATE \"PromoCodes\" SET \"ApplicableGroups\" = '[\"' || g.\"Key\" || '\"]', \"ApplicableTo\" = '[]' "
                + "FROM \"VariantTargetingGroups\" AS g WHERE g.\"Id\" = \"PromoCodes\".\"VariantTargetingGroupId\" AND \"PromoCodes\".\"ApplicableTo\" = g.\"ItemKeys\";");
            // Redemptions so far count against their code's campaign, so a budget set later starts from what was given.
            migrationBuilder.Sql("UPDATE \"Redemptions\" SET \"CampaignId\" = (SELECT p.\"CampaignId\" FROM \"PromoCodes\" AS p WHERE p.\"Id\" = \"Redemptions\".\"PromoCodeId\") WHERE \"PromoCodeId\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"Campaigns\" SET \"BudgetRedemptionsUsed\" = (SELECT COUNT(*) FROM \"Redemptions\" AS r WHERE r.\"CampaignId\" = \"Campaigns\".\"Id\" AND r.\"Status\" = 'Applied'), "
                + "\"BudgetDiscountUsed\" = (SELECT COALESCE(SUM(r.\"Discount\" + r.\"ShippingDiscount\" + r.\"CreditFromOverage\"), 0) FROM \"Redemptions\" AS r WHERE r.\"CampaignId\" = \"Campaigns\".\"Id\" AND r.\"Status\" = 'Applied');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VariantTargetingGroups_Key",
                table: "VariantTargetingGroups");

            migrationBuilder.DropIndex(
                name: "IX_Redemptions_CampaignId",
                table: "Redemptions");

            migrationBuilder.DropIndex(
                name: "IX_Redemptions_PromoCodeId_CustomerKey_RedeemedAt",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "Key",
                table: "VariantTargetingGroups");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "ApplicableGroups",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "ExcludedGroups",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "ExcludedItems",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "IncludeGiftCards",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "PurchaseDaysOfWeek",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "PurchaseTimeEnd",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "PurchaseTimeStart",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "UsesPerCustomer",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "UsesPerCustomerPeriod",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "BudgetDiscountUsed",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "BudgetMaxDiscount",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "BudgetMaxRedemptions",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "BudgetRedemptionsUsed",
                table: "Campaigns");
        }
    }
}
