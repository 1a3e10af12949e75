using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CentrexFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "auto_attendant_menus",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    schedule = table.Column<string>(type: "TEXT", nullable: true),
                    keys = table.Column<string>(type: "TEXT", nullable: false),
                    timeout_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    timeout_action = table.Column<string>(type: "TEXT", nullable: false),
                    invalid_input_action = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_auto_attendant_menus", x => x.id);
                    table.ForeignKey(
                        name: "fk_auto_attendant_menus_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_auto_attendant_menus_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_auto_attendant_menus_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conference_rooms",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    participant_pin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    moderator_pin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    max_participants = table.Column<int>(type: "INTEGER", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_rooms", x => x.id);
                    table.ForeignKey(
                        name: "fk_conference_rooms_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conference_rooms_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "voicemails",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    pin_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    pin_changed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    greeting_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    attach_audio = table.Column<bool>(type: "INTEGER", nullable: false),
                    when_full = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_voicemails", x => x.account_id);
                    table.ForeignKey(
                        name: "fk_voicemails_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_voicemails_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_voicemails_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "auto_attendant_greetings",
                columns: table => new
                {
                    menu_id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reseller_id = table.Column<long>(type: "INTEGER", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    encoding = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    sample_rate = table.Column<int>(type: "INTEGER", nullable: true),
                    duration_seconds = table.Column<double>(type: "REAL", nullable: true),
                    size_bytes = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    audio = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_auto_attendant_greetings", x => x.menu_id);
                    table.ForeignKey(
                        name: "fk_auto_attendant_greetings_auto_attendant_menus_menu_id",
                        column: x => x.menu_id,
                        principalTable: "auto_attendant_menus",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_auto_attendant_greetings_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_auto_attendant_greetings_resellers_reseller_id",
                        column: x => x.reseller_id,
                        principalTable: "resellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_greetings_account_id",
                table: "auto_attendant_greetings",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_greetings_customer_id",
                table: "auto_attendant_greetings",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_greetings_reseller_id",
                table: "auto_attendant_greetings",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_menus_account_id_name_key",
                table: "auto_attendant_menus",
                columns: new[] { "account_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_menus_customer_id",
                table: "auto_attendant_menus",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_auto_attendant_menus_reseller_id",
                table: "auto_attendant_menus",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_conference_rooms_customer_id_number",
                table: "conference_rooms",
                columns: new[] { "customer_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conference_rooms_reseller_id",
                table: "conference_rooms",
                column: "reseller_id");

            migrationBuilder.CreateIndex(
                name: "ix_voicemails_customer_id",
                table: "voicemails",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_voicemails_reseller_id",
                table: "voicemails",
                column: "reseller_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "auto_attendant_greetings");

            migrationBuilder.DropTable(
                name: "conference_rooms");

            migrationBuilder.DropTable(
                name: "voicemails");

            migrationBuilder.DropTable(
                name: "auto_attendant_menus");
        }
    }
}
