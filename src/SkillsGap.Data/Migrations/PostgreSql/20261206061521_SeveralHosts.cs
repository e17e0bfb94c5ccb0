using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsGap.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SeveralHosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "queued_until",
                table: "report_runs",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "queued_until",
                table: "report_runs");
        }
    }
}
