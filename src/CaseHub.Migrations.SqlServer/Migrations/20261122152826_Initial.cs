using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseHub.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
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
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Username = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    UserDisplayName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganizationName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Roles = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Action = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    DataKind = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    DataId = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Client = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Rule = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FhirResourceVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ResourceType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ResourceId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "int", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FhirResourceVersions", x => x.Id);
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
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ParentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organizations_Organizations_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Cpr = table.Column<string>(type: "nchar(10)", fixedLength: true, maxLength: 10, nullable: false),
                    GivenName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    FamilyName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Address = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    GeneralPractitionerNumber = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    GeneralPractitionerName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Patients_Organizations_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Username = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Roles = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsDemo = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffUsers_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Admissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WardId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EpisodeOfCareId = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Start = table.Column<DateTime>(type: "datetime2", nullable: false),
                    End = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PlannedDischargeDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LegalBasis = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TargetGroupMarking = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TargetGroupReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Admissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Admissions_Organizations_WardId",
                        column: x => x.WardId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Admissions_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrossSectorConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossSectorConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrossSectorConsents_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Rule = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SubjectKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WatcherOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Since = table.Column<DateOnly>(type: "date", nullable: true),
                    Summary = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    DismissedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DismissReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Flags_Organizations_OwnerOrganizationId",
                        column: x => x.OwnerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Flags_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HouseCourses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HouseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionReferralConfirmedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MunicipalityReferralConfirmedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    StartedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseCourses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseCourses_Organizations_HouseId",
                        column: x => x.HouseId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseCourses_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RequestedAtDischarge = table.Column<bool>(type: "bit", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    RequestReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    HostOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ChairName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Start = table.Column<DateTime>(type: "datetime2", nullable: true),
                    End = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PlaceKind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Place = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    PatientParticipation = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    PatientAttended = table.Column<bool>(type: "bit", nullable: true),
                    HeldAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PreviousMeetingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meetings_Meetings_PreviousMeetingId",
                        column: x => x.PreviousMeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Meetings_Organizations_HostOrganizationId",
                        column: x => x.HostOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Meetings_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    StaffUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Function = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AddedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamMembers_StaffUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "StaffUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SeriesId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    PreviousVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AdmissionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthoringWardId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReceivingMunicipalityId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LegalBasis = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DeclineReason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ConsentGivenBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentScope = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ConsentRecordedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    OutpatientUnit = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    FirstAppointmentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Medication = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    MedicationHandledBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    OtherTreatment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Housing = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    HousingSupport = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Employment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Finances = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    DailyActivities = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    WarningSigns = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CrisisActions = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CrisisContacts = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    NonAttendance = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    RelativesInvolvement = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    RelativesSharing = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    NetworkMeetingRequested = table.Column<bool>(type: "bit", nullable: false),
                    NetworkMeetingRequestedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    NetworkMeetingPlannedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DrawnUpOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DischargeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    MunicipalityComment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    EnteredInErrorBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    EnteredInErrorReason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareDocuments_Admissions_AdmissionId",
                        column: x => x.AdmissionId,
                        principalTable: "Admissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CareDocuments_Organizations_AuthoringWardId",
                        column: x => x.AuthoringWardId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CareDocuments_Organizations_ReceivingMunicipalityId",
                        column: x => x.ReceivingMunicipalityId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CareDocuments_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    OwnerOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CompletedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_Organizations_OwnerOrganizationId",
                        column: x => x.OwnerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUpTasks_StaffUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "StaffUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MinutesVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    State = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    StatusSinceLast = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    PatientGoals = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Treatment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    SocialSupport = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CrisisPlan = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AgreedActions = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    NextMeeting = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    EditedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    EditedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ApprovedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinutesVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MinutesVersions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamMemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Attended = table.Column<bool>(type: "bit", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_TeamMembers_TeamMemberId",
                        column: x => x.TeamMemberId,
                        principalTable: "TeamMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Stafetholders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sector = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TeamMemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    From = table.Column<DateTime>(type: "datetime2", nullable: false),
                    To = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AssignedByName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ActiveSector = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stafetholders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Stafetholders_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Stafetholders_TeamMembers_TeamMemberId",
                        column: x => x.TeamMemberId,
                        principalTable: "TeamMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgreedAction",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    What = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    OwnerSector = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ResponsibleOrganization = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ResponsiblePerson = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreedAction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreedAction_CareDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "CareDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ToStatus = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ActorOrganization = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentEvents_CareDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "CareDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentParticipant",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Organization = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Contact = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentParticipant", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentParticipant_CareDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "CareDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdmissionExtractRows_AdmissionId",
                table: "AdmissionExtractRows",
                column: "AdmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Admissions_EpisodeOfCareId",
                table: "Admissions",
                column: "EpisodeOfCareId",
                unique: true,
                filter: "[EpisodeOfCareId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Admissions_PatientId",
                table: "Admissions",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Admissions_WardId_End",
                table: "Admissions",
                columns: new[] { "WardId", "End" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreedAction_DocumentId",
                table: "AgreedAction",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PatientId_At",
                table: "AuditEntries",
                columns: new[] { "PatientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CareDocuments_AdmissionId",
                table: "CareDocuments",
                column: "AdmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_CareDocuments_AuthoringWardId",
                table: "CareDocuments",
                column: "AuthoringWardId");

            migrationBuilder.CreateIndex(
                name: "IX_CareDocuments_PatientId",
                table: "CareDocuments",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_CareDocuments_ReceivingMunicipalityId_Status",
                table: "CareDocuments",
                columns: new[] { "ReceivingMunicipalityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CareDocuments_SeriesId_Revision",
                table: "CareDocuments",
                columns: new[] { "SeriesId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrossSectorConsents_PatientId",
                table: "CrossSectorConsents",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentEvents_DocumentId",
                table: "DocumentEvents",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentEvents_PatientId_At",
                table: "DocumentEvents",
                columns: new[] { "PatientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentParticipant_DocumentId",
                table: "DocumentParticipant",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_FhirResourceVersions_PatientId",
                table: "FhirResourceVersions",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_FhirResourceVersions_ResourceType_ResourceId_VersionId",
                table: "FhirResourceVersions",
                columns: new[] { "ResourceType", "ResourceId", "VersionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Flags_OwnerOrganizationId_ResolvedAt",
                table: "Flags",
                columns: new[] { "OwnerOrganizationId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_PatientId_ResolvedAt",
                table: "Flags",
                columns: new[] { "PatientId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_Rule_SubjectId",
                table: "Flags",
                columns: new[] { "Rule", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Flags_WatcherOrganizationId_ResolvedAt",
                table: "Flags",
                columns: new[] { "WatcherOrganizationId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_MeetingId",
                table: "FollowUpTasks",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_OwnerOrganizationId_CompletedAt_DueDate",
                table: "FollowUpTasks",
                columns: new[] { "OwnerOrganizationId", "CompletedAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_OwnerUserId_CompletedAt",
                table: "FollowUpTasks",
                columns: new[] { "OwnerUserId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpTasks_PatientId",
                table: "FollowUpTasks",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseCourses_HouseId_EndDate",
                table: "HouseCourses",
                columns: new[] { "HouseId", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseCourses_PatientId",
                table: "HouseCourses",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorResults_IndicatorId_Period_AreaType_AreaCode_AgeGroup",
                table: "IndicatorResults",
                columns: new[] { "IndicatorId", "Period", "AreaType", "AreaCode", "AgeGroup" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_MeetingId_TeamMemberId",
                table: "MeetingParticipants",
                columns: new[] { "MeetingId", "TeamMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_TeamMemberId",
                table: "MeetingParticipants",
                column: "TeamMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_HostOrganizationId_Start",
                table: "Meetings",
                columns: new[] { "HostOrganizationId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_PatientId_Status",
                table: "Meetings",
                columns: new[] { "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_PreviousMeetingId",
                table: "Meetings",
                column: "PreviousMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MinutesVersions_MeetingId_Number",
                table: "MinutesVersions",
                columns: new[] { "MeetingId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Kind_Code",
                table: "Organizations",
                columns: new[] { "Kind", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ParentId",
                table: "Organizations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_Cpr",
                table: "Patients",
                column: "Cpr",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_MunicipalityId",
                table: "Patients",
                column: "MunicipalityId");

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

            migrationBuilder.CreateIndex(
                name: "IX_Stafetholders_PatientId_ActiveSector",
                table: "Stafetholders",
                columns: new[] { "PatientId", "ActiveSector" },
                unique: true,
                filter: "[ActiveSector] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Stafetholders_TeamMemberId",
                table: "Stafetholders",
                column: "TeamMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffUsers_OrganizationId",
                table: "StaffUsers",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffUsers_Username",
                table: "StaffUsers",
                column: "Username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_OrganizationId",
                table: "TeamMembers",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_PatientId_RemovedAt",
                table: "TeamMembers",
                columns: new[] { "PatientId", "RemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_StaffUserId_RemovedAt",
                table: "TeamMembers",
                columns: new[] { "StaffUserId", "RemovedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdmissionExtractRows");

            migrationBuilder.DropTable(
                name: "AgreedAction");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CrossSectorConsents");

            migrationBuilder.DropTable(
                name: "DocumentEvents");

            migrationBuilder.DropTable(
                name: "DocumentParticipant");

            migrationBuilder.DropTable(
                name: "FhirResourceVersions");

            migrationBuilder.DropTable(
                name: "Flags");

            migrationBuilder.DropTable(
                name: "FollowUpTasks");

            migrationBuilder.DropTable(
                name: "HouseCourses");

            migrationBuilder.DropTable(
                name: "IndicatorResults");

            migrationBuilder.DropTable(
                name: "MeetingParticipants");

            migrationBuilder.DropTable(
                name: "MinutesVersions");

            migrationBuilder.DropTable(
                name: "PopulationCounts");

            migrationBuilder.DropTable(
                name: "RegisterMeasures");

            migrationBuilder.DropTable(
                name: "Stafetholders");

            migrationBuilder.DropTable(
                name: "CareDocuments");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "Admissions");

            migrationBuilder.DropTable(
                name: "StaffUsers");

            migrationBuilder.DropTable(
                name: "Patients");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
