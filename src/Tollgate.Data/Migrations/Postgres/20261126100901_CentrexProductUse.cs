using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CentrexProductUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "product_use",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    reseller_id = table.Column<long>(type: "bigint", nullable: true),
                    open_accounts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_use", x => new { x.customer_id, x.product_id });
                    table.CheckConstraint("ck_product_use_open_accounts", "open_accounts >= 0");
                    table.ForeignKey(
                        name: "fk_product_use_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_product_use_product_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_product_use_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_product_use_product_id",
                table: "product_use",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_use_reseller_id",
                table: "product_use",
                column: "reseller_id");

            // Schema EF cannot model; when the migrations are squashed, this belongs in HandWrittenSchema.
            Centrex.ProductUseTriggers.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Centrex.ProductUseTriggers.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "product_use");
        }
    }
}
