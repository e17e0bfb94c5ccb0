using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsGap.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "badges",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    issuer = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    hours = table.Column<decimal>(type: "decimal(9,2)", precision: 9, scale: 2, nullable: false),
                    valid_months = table.Column<int>(type: "int", nullable: true),
                    stack_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    needs_review = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "employees",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    email = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    file_name = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    dry_run = table.Column<bool>(type: "bit", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    status = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    inserted = table.Column<int>(type: "int", nullable: false),
                    updated = table.Column<int>(type: "int", nullable: false),
                    unchanged = table.Column<int>(type: "int", nullable: false),
                    error_count = table.Column<int>(type: "int", nullable: false),
                    errors_json = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "role_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    role_code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "int", nullable: false),
                    title = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    family = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    value = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "skills",
                columns: table => new
                {
                    code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    category = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    aliases = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "badge_prerequisites",
                columns: table => new
                {
                    badge_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    group_no = table.Column<int>(type: "int", nullable: false),
                    position = table.Column<int>(type: "int", nullable: false),
                    alternative_badge_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badge_prerequisites", x => new { x.badge_id, x.group_no, x.position });
                    table.ForeignKey(
                        name: "FK_badge_prerequisites_badges_badge_id",
                        column: x => x.badge_id,
                        principalTable: "badges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "badge_skills",
                columns: table => new
                {
                    badge_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    skill_code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    level = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badge_skills", x => new { x.badge_id, x.skill_code });
                    table.ForeignKey(
                        name: "FK_badge_skills_badges_badge_id",
                        column: x => x.badge_id,
                        principalTable: "badges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "awards",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    employee_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    badge_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    evidence_url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    state = table.Column<int>(type: "int", nullable: false),
                    achieved_level = table.Column<int>(type: "int", nullable: true),
                    credential_id = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    source = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_awards", x => x.id);
                    table.ForeignKey(
                        name: "FK_awards_badges_badge_id",
                        column: x => x.badge_id,
                        principalTable: "badges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_awards_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "employee_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    employee_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    role_code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    manager_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    department = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    target_role_code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employee_history", x => x.id);
                    table.ForeignKey(
                        name: "FK_employee_history_employees_employee_id",
                        column: x => x.employee_id,
                        principalTable: "employees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_requirements",
                columns: table => new
                {
                    role_version_id = table.Column<int>(type: "int", nullable: false),
                    skill_code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    required_level = table.Column<int>(type: "int", nullable: false),
                    weight = table.Column<int>(type: "int", nullable: false),
                    critical = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_requirements", x => new { x.role_version_id, x.skill_code });
                    table.ForeignKey(
                        name: "FK_role_requirements_role_versions_role_version_id",
                        column: x => x.role_version_id,
                        principalTable: "role_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_awards_badge_id",
                table: "awards",
                column: "badge_id");

            migrationBuilder.CreateIndex(
                name: "IX_awards_credential_id",
                table: "awards",
                column: "credential_id",
                unique: true,
                filter: "credential_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_awards_employee_id_badge_id_issued_on",
                table: "awards",
                columns: new[] { "employee_id", "badge_id", "issued_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_badge_prerequisites_alternative_badge_id",
                table: "badge_prerequisites",
                column: "alternative_badge_id");

            migrationBuilder.CreateIndex(
                name: "IX_badges_stack_id",
                table: "badges",
                column: "stack_id");

            migrationBuilder.CreateIndex(
                name: "IX_employee_history_employee_id_effective_from",
                table: "employee_history",
                columns: new[] { "employee_id", "effective_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_employee_history_manager_id",
                table: "employee_history",
                column: "manager_id");

            migrationBuilder.CreateIndex(
                name: "IX_employees_email",
                table: "employees",
                column: "email",
                unique: true,
                filter: "email IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_imports_started_at",
                table: "imports",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "IX_role_versions_role_code_effective_from",
                table: "role_versions",
                columns: new[] { "role_code", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "IX_role_versions_role_code_version",
                table: "role_versions",
                columns: new[] { "role_code", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "awards");

            migrationBuilder.DropTable(
                name: "badge_prerequisites");

            migrationBuilder.DropTable(
                name: "badge_skills");

            migrationBuilder.DropTable(
                name: "employee_history");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "role_requirements");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "skills");

            migrationBuilder.DropTable(
                name: "badges");

            migrationBuilder.DropTable(
                name: "employees");

            migrationBuilder.DropTable(
                name: "role_versions");
        }
    }
}
