using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class BatchCodeTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BatchCodeTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BatchId = table.Column<int>(type: "int", nullable: false),
                    Codes = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchCodeTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchCodeTexts_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BatchCodeTexts_BatchId",
                table: "BatchCodeTexts",
                column: "BatchId");

            // Codes of batches made before this table, in texts of 2,000 codes (docs/benchmarks.md, "searching anywhere in a million codes").
            migrationBuilder.Sql("""
                EXEC(N'INSERT INTO [BatchCodeTexts] ([BatchId], [Codes])
                SELECT [BatchId], STRING_AGG(CAST([NormalizedCode] AS nvarchar(max)), NCHAR(10)) FROM (
                    SELECT [BatchId], [NormalizedCode], (ROW_NUMBER() OVER (PARTITION BY [BatchId] ORDER BY [Id]) - 1) / 2000 AS [Slice]
                    FROM [PromoCodes] WHERE [BatchId] IS NOT NULL) AS s
                GROUP BY [BatchId], [Slice];');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BatchCodeTexts");
        }
    }
}
