using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsGap.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleOutStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials");

            migrationBuilder.DropIndex(
                name: "IX_awards_badge_id",
                table: "awards");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_issued_credentials_key_id",
                table: "issued_credentials",
                column: "key_id");

            migrationBuilder.CreateIndex(
                name: "IX_awards_badge_id",
                table: "awards",
                column: "badge_id");
        }
    }
}
