using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InventoryTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PromoCodeInventory",
                columns: table => new
                {
                    PromoCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    TimesUsed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromoCodeInventory", x => x.PromoCodeId);
                    table.ForeignKey(
                        name: "FK_PromoCodeInventory_PromoCodes_PromoCodeId",
                        column: x => x.PromoCodeId,
                        principalTable: "PromoCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The counters move with their values: one row per existing code.
            migrationBuilder.Sql(@"INSERT INTO PromoCodeInventory (PromoCodeId, Quantity, TimesUsed) SELECT Id, Quantity, TimesUsed FROM PromoCodes;");

            // SQLite's own DROP COLUMN (neither column is in an index or a constraint): EF Core's DropColumn would rebuild the table
            // outside the migration's transaction.
            migrationBuilder.Sql(@"ALTER TABLE ""PromoCodes"" DROP COLUMN ""Quantity"";");
            migrationBuilder.Sql(@"ALTER TABLE ""PromoCodes"" DROP COLUMN ""TimesUsed"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Quantity",
                table: "PromoCodes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimesUsed",
                table: "PromoCodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(@"UPDATE PromoCodes SET Quantity = (SELECT i.Quantity FROM PromoCodeInventory AS i WHERE i.PromoCodeId = PromoCodes.Id), TimesUsed = coalesce((SELECT i.TimesUsed FROM PromoCodeInventory AS i WHERE i.PromoCodeId = PromoCodes.Id), 0);");

            migrationBuilder.DropTable(
                name: "PromoCodeInventory");
        }
    }
}
