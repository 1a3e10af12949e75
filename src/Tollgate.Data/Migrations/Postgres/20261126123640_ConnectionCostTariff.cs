using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConnectionCostTariff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "tariff_id",
                table: "vendor_connections",
                type: "bigint",
                nullable: true);

            // The cost tariffs kept beside the connections move onto them (a mapping for a deleted connection has nothing to move to).
            migrationBuilder.Sql(
                "UPDATE vendor_connections SET tariff_id = (SELECT c.tariff_id FROM connection_tariffs c WHERE c.connection_id = vendor_connections.id)");

            migrationBuilder.DropTable(
                name: "connection_tariffs");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_connections_tariff_id",
                table: "vendor_connections",
                column: "tariff_id");

            migrationBuilder.AddForeignKey(
                name: "fk_vendor_connections_tariff_tariff_id",
                table: "vendor_connections",
                column: "tariff_id",
                principalTable: "tariffs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_vendor_connections_tariff_tariff_id",
                table: "vendor_connections");

            migrationBuilder.DropIndex(
                name: "ix_vendor_connections_tariff_id",
                table: "vendor_connections");

            migrationBuilder.DropColumn(
                name: "tariff_id",
                table: "vendor_connections");

            migrationBuilder.CreateTable(
                name: "connection_tariffs",
                columns: table => new
                {
                    connection_id = table.Column<long>(type: "bigint", nullable: false),
                    tariff_id = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_tariffs", x => x.connection_id);
                    table.ForeignKey(
                        name: "fk_connection_tariffs_tariffs_tariff_id",
                        column: x => x.tariff_id,
                        principalTable: "tariffs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connection_tariffs_tariff_id",
                table: "connection_tariffs",
                column: "tariff_id");
        }
    }
}
