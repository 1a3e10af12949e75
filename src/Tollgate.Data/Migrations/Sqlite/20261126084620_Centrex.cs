using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Centrex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "blocked_at",
                table: "accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "blocked_by",
                table: "accounts",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_aliases",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alias = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_aliases", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_aliases_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_account_aliases_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_account_aliases_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "customer_agreements",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    auto_attendants_created = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_agreements", x => x.customer_id);
                    table.ForeignKey(
                        name: "fk_customer_agreements_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_customer_agreements_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "extensions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    auto_attendant_number = table.Column<int>(type: "INTEGER", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extensions", x => x.id);
                    table.ForeignKey(
                        name: "fk_extensions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_extensions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_extensions_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sip_credentials",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    password = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sip_credentials", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_sip_credentials_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sip_credentials_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sip_credentials_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agreement_products",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreement_products", x => new { x.customer_id, x.product_id });
                    table.ForeignKey(
                        name: "fk_agreement_products_customer_agreements_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customer_agreements",
                        principalColumn: "customer_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agreement_products_product_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_products_customer_id_product_id",
                table: "account_products",
                columns: new[] { "customer_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_account_id",
                table: "account_aliases",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_alias",
                table: "account_aliases",
                column: "alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_customer_id",
                table: "account_aliases",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_aliases_reseller_id",
                table: "account_aliases",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_products_product_id",
                table: "agreement_products",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_agreements_reseller_id",
                table: "customer_agreements",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_extensions_account_id",
                table: "extensions",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extensions_customer_id_auto_attendant_number",
                table: "extensions",
                columns: new[] { "customer_id", "auto_attendant_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extensions_customer_id_number",
                table: "extensions",
                columns: new[] { "customer_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extensions_reseller_id",
                table: "extensions",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_sip_credentials_customer_id",
                table: "sip_credentials",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sip_credentials_reseller_id",
                table: "sip_credentials",
                column: "reseller_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_aliases");

            migrationBuilder.DropTable(
                name: "agreement_products");

            migrationBuilder.DropTable(
                name: "extensions");

            migrationBuilder.DropTable(
                name: "sip_credentials");

            migrationBuilder.DropTable(
                name: "customer_agreements");

            migrationBuilder.DropIndex(
                name: "ix_account_products_customer_id_product_id",
                table: "account_products");

            migrationBuilder.DropColumn(
                name: "blocked_at",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "blocked_by",
                table: "accounts");
        }
    }
}
