using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsGap.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenBadgesIssuing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "issuer_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    did = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    private_key = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issuer_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "status_lists",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    key_id = table.Column<int>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    allocated = table.Column<int>(type: "INTEGER", nullable: false),
                    index_key = table.Column<long>(type: "INTEGER", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_lists", x => x.id);
                    table.ForeignKey(
                        name: "FK_status_lists_issuer_keys_key_id",
                        column: x => x.key_id,
                        principalTable: "issuer_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "issued_credentials",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    credential_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    award_id = table.Column<long>(type: "INTEGER", nullable: true),
                    employee_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    badge_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    key_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status_list_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status_index = table.Column<int>(type: "INTEGER", nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    superseded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    revocation_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_credentials", x => x.id);
                    table.ForeignKey(
                        name: "FK_issued_credentials_awards_award_id",
                        column: x => x.award_id,
                        principalTable: "awards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_issued_credentials_issuer_keys_key_id",
                        column: x => x.key_id,
                        principalTable: "issuer_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_issued_credentials_status_lists_status_list_id",
                        column: x => x.status_list_id,
                        principalTable: "status_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_award_id",
                table: "issued_credentials",
                column: "award_id",
                unique: true,
                filter: "award_id IS NOT NULL AND superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_credential_id",
                table: "issued_credentials",
                column: "credential_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_employee_id_badge_id",
                table: "issued_credentials",
                columns: new[] { "employee_id", "badge_id" });

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials",
                column: "key_id");

            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_status_list_id_status_index",
                table: "issued_credentials",
                columns: new[] { "status_list_id", "status_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issuer_keys_did",
                table: "issuer_keys",
                column: "did",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_status_lists_key_id_purpose",
                table: "status_lists",
                columns: new[] { "key_id", "purpose" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "issued_credentials");

            migrationBuilder.DropTable(
                name: "status_lists");

            migrationBuilder.DropTable(
                name: "issuer_keys");
        }
    }
}
