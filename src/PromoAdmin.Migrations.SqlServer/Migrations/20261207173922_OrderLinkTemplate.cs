using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PromoAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrderLinkTemplate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OrderLinkTemplate",
                table: "AccountSettings",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrderLinkTemplate",
                table: "AccountSettings");
        }
    }
}
