using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
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
                    PromoCodeId = table.Column<int>(type: "int", nullable: false),
                    Quantity = table.Column<int>(type: "int", nullable: true),
                    TimesUsed = table.Column<int>(type: "int", nullable: false)
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
            // EXEC: an idempotent script compiles each batch before its IF runs, and these columns are gone after the first run.
            migrationBuilder.Sql(@"EXEC(N'INSERT INTO [PromoCodeInventory] ([PromoCodeId], [Quantity], [TimesUsed]) SELECT [Id], [Quantity], [TimesUsed] FROM [PromoCodes];');");

            migrationBuilder.DropColumn(
                name: "Quantity",
                table: "PromoCodes");

            migrationBuilder.DropColumn(
                name: "TimesUsed",
                table: "PromoCodes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Quantity",
                table: "PromoCodes",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimesUsed",
                table: "PromoCodes",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(@"EXEC(N'UPDATE p SET [Quantity] = i.[Quantity], [TimesUsed] = i.[TimesUsed] FROM [PromoCodes] AS p INNER JOIN [PromoCodeInventory] AS i ON i.[PromoCodeId] = p.[Id];');");

            migrationBuilder.DropTable(
                name: "PromoCodeInventory");
        }
    }
}
