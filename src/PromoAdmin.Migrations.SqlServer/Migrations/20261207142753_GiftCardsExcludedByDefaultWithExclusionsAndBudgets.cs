using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
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
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Existing groups get a key from their id; new groups take one from their name.
            migrationBuilder.Sql("UPDATE [VariantTargetingGroups] SET [Key] = CONCAT('group-', [Id]);");

            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "Redemptions",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApplicableGroups",
                table: "PromoCodes",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ExcludedGroups",
                table: "PromoCodes",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ExcludedItems",
                table: "PromoCodes",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "IncludeGiftCards",
                table: "PromoCodes",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PurchaseDaysOfWeek",
                table: "PromoCodes",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "PurchaseTimeEnd",
                table: "PromoCodes",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "PurchaseTimeStart",
                table: "PromoCodes",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UsesPerCustomer",
                table: "PromoCodes",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UsesPerCustomerPeriod",
                table: "PromoCodes",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Ever");

            migrationBuilder.AddColumn<decimal>(
                name: "BudgetDiscountUsed",
                table: "Campaigns",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "BudgetMaxDiscount",
                table: "Campaigns",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BudgetMaxRedemptions",
                table: "Campaigns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BudgetRedemptionsUsed",
                table: "Campaigns",
                type: "int",
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
            migrationBuilder.Sql("UPDATE [PromoCodes] SET [IncludeGiftCards] = CAST(1 AS bit) WHERE EXISTS (SELECT 1 FROM OPENJSON([PromoCodes].[ApplicableTo]) AS j "
                + "JOIN [CatalogItems] AS i ON i.[Key] = j.[value] WHERE i.[Kind] = N'GiftCard');");
            // A code saved with a variant targeting group holds a copy of the group's items: it now names the group instead, so it
            // follows the group (only where the copy is still exactly the group's list).
            migrationBuilder.Sql("UPDATE p SET [ApplicableGroups] = CONCAT(N'[\"', g.[Key], N'\"]'), [ApplicableTo] = N'[]' "
                + "FROM [PromoCodes] AS p JOIN [VariantTargetingGroups] AS g ON g.[Id] = p.[VariantTargetingGroupId] WHERE p.[ApplicableTo] = g.[ItemKeys];");
            // Redemptions so far count against their code's campaign, so a budget set later starts from what was given.
            migrationBuilder.Sql("UPDATE [Redemptions] SET [CampaignId] = (SELECT p.[CampaignId] FROM [PromoCodes] AS p WHERE p.[Id] = [Redemptions].[PromoCodeId]) WHERE [PromoCodeId] IS NOT NULL;");
            migrationBuilder.Sql("UPDATE [Campaigns] SET [BudgetRedemptionsUsed] = (SELECT COUNT(*) FROM [Redemptions] AS r WHERE r.[CampaignId] = [Campaigns].[Id] AND r.[Status] = 'Applied'), "
                + "[BudgetDiscountUsed] = (SELECT COALESCE(SUM(r.[Discount] + r.[ShippingDiscount] + r.[CreditFromOverage]), 0) FROM [Redemptions] AS r WHERE r.[CampaignId] = [Campaigns].[Id] AND r.[Status] = 'Applied');");
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
