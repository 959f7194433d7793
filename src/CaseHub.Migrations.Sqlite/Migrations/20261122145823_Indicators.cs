using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdmissionExtractRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdmissionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    WardSor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdmissionExtractRows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AreaType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AreaCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AreaName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AgeGroup = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Numerator = table.Column<long>(type: "INTEGER", nullable: false),
                    Denominator = table.Column<long>(type: "INTEGER", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    BaselineValue = table.Column<double>(type: "REAL", nullable: true),
                    BaselineNumerator = table.Column<double>(type: "REAL", nullable: true),
                    ChangePct = table.Column<double>(type: "REAL", nullable: true),
                    Suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorResults", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PopulationCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Age = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisterMeasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeasureId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    WardSor = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Half = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeAtStart = table.Column<int>(type: "INTEGER", nullable: false),
                    IsChild = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationHours = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterMeasures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdmissionExtractRows_AdmissionId",
                table: "AdmissionExtractRows",
                column: "AdmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorResults_IndicatorId_Period_AreaType_AreaCode_AgeGroup",
                table: "IndicatorResults",
                columns: new[] { "IndicatorId", "Period", "AreaType", "AreaCode", "AgeGroup" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PopulationCounts_Year_Quarter_MunicipalityCode_Age",
                table: "PopulationCounts",
                columns: new[] { "Year", "Quarter", "MunicipalityCode", "Age" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegisterMeasures_MeasureId",
                table: "RegisterMeasures",
                column: "MeasureId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegisterMeasures_Type_Year",
                table: "RegisterMeasures",
                columns: new[] { "Type", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdmissionExtractRows");

            migrationBuilder.DropTable(
                name: "IndicatorResults");

            migrationBuilder.DropTable(
                name: "PopulationCounts");

            migrationBuilder.DropTable(
                name: "RegisterMeasures");
        }
    }
}
