using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FlagPatientRuleIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Flags_PatientId_Rule_ResolvedAt",
                table: "Flags",
                columns: new[] { "PatientId", "Rule", "ResolvedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Flags_PatientId_Rule_ResolvedAt",
                table: "Flags");
        }
    }
}
