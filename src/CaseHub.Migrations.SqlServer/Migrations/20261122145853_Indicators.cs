using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseHub.Migrations.SqlServer.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AdmissionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PersonKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    RegionCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    WardSor = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "datetime2", nullable: false),
                    End = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LegalBasis = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdmissionExtractRows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IndicatorId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    AreaType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AreaCode = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    AreaName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AgeGroup = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Numerator = table.Column<long>(type: "bigint", nullable: false),
                    Denominator = table.Column<long>(type: "bigint", nullable: true),
                    Value = table.Column<double>(type: "float", nullable: true),
                    BaselineValue = table.Column<double>(type: "float", nullable: true),
                    BaselineNumerator = table.Column<double>(type: "float", nullable: true),
                    ChangePct = table.Column<double>(type: "float", nullable: true),
                    Suppressed = table.Column<bool>(type: "bit", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorResults", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PopulationCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Quarter = table.Column<int>(type: "int", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    Age = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisterMeasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeasureId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PersonKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    RegionCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    WardSor = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Start = table.Column<DateTime>(type: "datetime2", nullable: false),
                    End = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Half = table.Column<int>(type: "int", nullable: false),
                    AgeAtStart = table.Column<int>(type: "int", nullable: false),
                    IsChild = table.Column<bool>(type: "bit", nullable: false),
                    DurationHours = table.Column<double>(type: "float", nullable: true)
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
