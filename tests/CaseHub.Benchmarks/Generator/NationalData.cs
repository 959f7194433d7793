using System.Diagnostics;
using System.Globalization;
using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Consents;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Meetings;
using CaseHub.Core.Teams;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Benchmarks.Generator;

/// <summary>What to generate: the same seed, scale and day always give the same database.</summary>
/// <param name="Scale">1 is Denmark (about 5.9 million citizens, ten years); 0.01 is for tests.</param>
/// <param name="Today">The last day of the ten years; admissions still open on it are current.</param>
public sealed record GeneratorOptions(double Scale, int Seed, DateOnly Today)
{
    public const int Years = 10;

    // National volumes at scale 1 (DOMAIN.md and the issue): documents per year; people admitted over ten years.
    public const int AgreementsPerYear = 10_000;
    public const int PlansPerYear = 4_500;
    public const int PatientsOverTenYears = 150_000;
    public const int NationalPopulation = 5_900_000;
    public const int AuditPerDocument = 20;
    public const int AuditPerAdmission = 5;

    public int Patients => Math.Max(20, (int)Math.Round(PatientsOverTenYears * Scale));

    public int Documents => Math.Max(10, (int)Math.Round((AgreementsPerYear + PlansPerYear) * Years * Scale));
}

/// <summary>Rows written per table, for the report and the generator test.</summary>
public sealed class GeneratorReport
{
    public SortedDictionary<string, long> Rows { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; set; }

    public override string ToString() =>
        string.Join(", ", Rows.Select(r => $"{r.Key} {r.Value.ToString("N0", CultureInfo.InvariantCulture)}")) + $" in {Elapsed.TotalSeconds:F1} s";
}

/// <summary>
/// Writes a national-scale CaseHub database to a SQLite file: the schema by the app's own migrations, the reference
/// and demo data (so the demo users can sign in), then generated wards, the population table, patients, admissions,
/// udskrivningsaftaler and koordinationsplaner in every state with versions, their events, and audit entries.
/// Each table is one <see cref="BulkWriter{T}"/> step; a new feature adds its table as one more step in
/// <see cref="GenerateAsync"/>, reading the generated patients, admissions and documents it needs from <see cref="State"/>.
/// </summary>
public static class NationalData
{
    /// <summary>What earlier steps produced, for the later ones.</summary>
    public sealed class State(GeneratorOptions options)
    {
        public GeneratorOptions Options { get; } = options;

        public Random Random { get; } = new(options.Seed);

        public List<Organization> Municipalities { get; } = [];

        public Dictionary<Guid, double> MunicipalityWeight { get; } = [];

        public Dictionary<Guid, List<Organization>> WardsByRegion { get; } = [];

        public List<Patient> Patients { get; } = [];

        public List<Admission> Admissions { get; } = [];

        public List<CareDocument> Documents { get; } = [];

        public DateTime Start => Options.Today.AddYears(-GeneratorOptions.Years).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        public DateTime End => Options.Today.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);

        public Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            Random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // a version-4 shape, like Guid.NewGuid
            return new Guid(bytes);
        }

        public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];
    }

    public static async Task<GeneratorReport> GenerateAsync(string databaseFile, GeneratorOptions options, TextWriter? log = null)
    {
        var watch = Stopwatch.StartNew();
        if (File.Exists(databaseFile))
        {
            File.Delete(databaseFile);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        var dbOptions = new DbContextOptionsBuilder<CaseHubDbContext>();
        DatabaseSetup.Configure(dbOptions, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        var report = new GeneratorReport();
        var clock = new FixedClock(options.Today.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));

        await using (var db = new CaseHubDbContext(dbOptions.Options))
        {
            await DatabaseInitializer.InitializeAsync(db, clock, withDemoData: true);
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA foreign_keys = OFF;");

            // Secondary indexes are rebuilt once at the end from sorted data, instead of row by row in random order.
            var indexes = await IndexDefinitionsAsync(db);
            foreach (var index in indexes.Keys)
            {
                Execute(db, $"DROP INDEX \"{index}\"");
            }

            var state = new State(options);

            void Step(string name, Action<CaseHubDbContext, State, GeneratorReport> step)
            {
                var stepWatch = Stopwatch.StartNew();
                step(db, state, report);
                log?.WriteLine($"  {name}: {stepWatch.Elapsed.TotalSeconds:F1} s");
            }

            Step("organizations", Organizations);
            Step("population", Population);
            Step("patients and admissions", PatientsAndAdmissions);
            Step("documents", Documents);
            Step("teams, meetings, tasks and consents", TeamsAndMeetings);
            Step("audit", Audit);
            var indexWatch = Stopwatch.StartNew();
            foreach (var sql in indexes.Values)
            {
                Execute(db, sql);
            }

            log?.WriteLine($"  indexes: {indexWatch.Elapsed.TotalSeconds:F1} s");
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE; ANALYZE;");
            await db.Database.CloseConnectionAsync();
        }

        report.Elapsed = watch.Elapsed;
        return report;
    }

    /// <summary>Generator-owned DDL (index names from sqlite_master), outside EF's SQL APIs.</summary>
    private static void Execute(CaseHubDbContext db, string sql)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The secondary indexes the migrations made (name and CREATE statement); primary keys stay.</summary>
    private static async Task<Dictionary<string, string>> IndexDefinitionsAsync(CaseHubDbContext db)
    {
        var indexes = new Dictionary<string, string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes[reader.GetString(0)] = reader.GetString(1);
        }

        return indexes;
    }

    private static long Write<T>(CaseHubDbContext db, IEnumerable<T> rows)
        where T : class
    {
        using var writer = new BulkWriter<T>(db);
        foreach (var row in rows)
        {
            writer.Add(row);
        }

        writer.Commit();
        return writer.Count;
    }

    /// <summary>About a hundred psychiatric wards across the five regions, the demo wards among them.</summary>
    private static void Organizations(CaseHubDbContext db, State s, GeneratorReport report)
    {
        var all = db.Organizations.AsNoTracking().OrderBy(o => o.Code).ToList();
        var regions = all.Where(o => o.Kind == OrganizationKind.Region).ToList();
        s.Municipalities.AddRange(all.Where(o => o.Kind == OrganizationKind.Municipality));
        var wardsPerRegion = new Dictionary<string, int>(StringComparer.Ordinal) { ["1081"] = 12, ["1082"] = 22, ["1083"] = 20, ["1084"] = 30, ["1085"] = 14 };
        var added = new List<Organization>();
        foreach (var region in regions)
        {
            var wards = all.Where(o => o.Kind == OrganizationKind.HospitalWard && o.ParentId == region.Id).ToList();
            for (var n = wards.Count; n < wardsPerRegion.GetValueOrDefault(region.Code, 10); n++)
            {
                var ward = new Organization
                {
                    Id = s.NewId(), Kind = OrganizationKind.HospitalWard, ParentId = region.Id,
                    Code = $"69{region.Code}{n:D7}", Name = $"Psykiatrisk Afsnit {(char)('A' + (n % 20))}{n}, {region.Name}",
                    Phone = $"70 {n:D2} 00 00",
                };
                wards.Add(ward);
                added.Add(ward);
            }

            s.WardsByRegion[region.Id] = wards;
        }

        report.Rows["Organizations (wards added)"] = Write(db, added);

        // Citizens per municipality: the four big cities as they are, the rest spread log-normally around the mean.
        var big = new Dictionary<string, double>(StringComparer.Ordinal) { ["0101"] = 660_000, ["0751"] = 370_000, ["0461"] = 210_000, ["0851"] = 222_000 };
        var rest = s.Municipalities.Where(m => !big.ContainsKey(m.Code)).ToList();
        var raw = rest.ToDictionary(m => m.Id, _ => Math.Exp(Normal(s.Random) * 0.6));
        var restTotal = GeneratorOptions.NationalPopulation - big.Values.Sum();
        foreach (var m in s.Municipalities)
        {
            s.MunicipalityWeight[m.Id] = big.TryGetValue(m.Code, out var people) ? people : restTotal * raw[m.Id] / raw.Values.Sum();
        }
    }

    /// <summary>
    /// Citizens by municipality, age (0-100) and quarter for ten years: the denominator of the indicators. The table
    /// belongs to the generator until the indicators feature brings its own; counts scale with --scale.
    /// </summary>
    private static void Population(CaseHubDbContext db, State s, GeneratorReport report)
    {
        var connection = db.Database.GetDbConnection();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS "Population" (
                    "MunicipalityCode" TEXT NOT NULL, "Quarter" TEXT NOT NULL, "Age" INTEGER NOT NULL, "Citizens" INTEGER NOT NULL,
                    PRIMARY KEY ("MunicipalityCode", "Quarter", "Age")) WITHOUT ROWID;
                """;
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO \"Population\" VALUES (@m, @q, @a, @c)";
        var (pm, pq, pa, pc) = (insert.CreateParameter(), insert.CreateParameter(), insert.CreateParameter(), insert.CreateParameter());
        (pm.ParameterName, pq.ParameterName, pa.ParameterName, pc.ParameterName) = ("@m", "@q", "@a", "@c");
        insert.Parameters.AddRange(new[] { pm, pq, pa, pc });
        insert.Prepare();

        // An age pyramid: flat to 60, then falling; the population grows 0.4 % a year.
        var ageShare = Enumerable.Range(0, 101).Select(a => a <= 60 ? 1.0 : Math.Max(0.02, 1.0 - ((a - 60) / 40.0))).ToArray();
        var shareTotal = ageShare.Sum();
        long rows = 0;
        var firstQuarter = new DateOnly(s.Options.Today.Year - GeneratorOptions.Years, 1, 1);
        foreach (var m in s.Municipalities)
        {
            for (var q = 0; q < GeneratorOptions.Years * 4; q++)
            {
                var day = firstQuarter.AddMonths(3 * q);
                var quarter = $"{day.Year}Q{((day.Month - 1) / 3) + 1}";
                var people = s.MunicipalityWeight[m.Id] * s.Options.Scale * (1 + (0.001 * q));
                for (var age = 0; age <= 100; age++)
                {
                    pm.Value = m.Code;
                    pq.Value = quarter;
                    pa.Value = age;
                    pc.Value = (long)Math.Round(people * ageShare[age] / shareTotal);
                    insert.ExecuteNonQuery();
                    rows++;
                }
            }
        }

        transaction.Commit();
        report.Rows["Population"] = rows;
    }

    /// <summary>
    /// Patients spread by municipality size, admitted to wards in their own region. Most have one admission, a few very
    /// many (a long tail); a fifth of admissions are compulsory; stays are log-normal around twelve days, so the ones
    /// still open on the last day are the current admissions (a few thousand nationally, as there are beds).
    /// </summary>
    private static void PatientsAndAdmissions(CaseHubDbContext db, State s, GeneratorReport report)
    {
        var cumulative = new List<(double Upto, Organization Municipality)>();
        var total = 0.0;
        foreach (var m in s.Municipalities)
        {
            total += s.MunicipalityWeight[m.Id];
            cumulative.Add((total, m));
        }

        var usedCpr = db.Patients.AsNoTracking().Select(p => p.Cpr).ToHashSet(StringComparer.Ordinal); // the demo patients
        var given = new[] { "Mette", "Anne", "Camilla", "Sofie", "Freja", "Ida", "Maria", "Line", "Peter", "Lars", "Jens", "Mads", "Kasper", "Jonas", "Henrik", "Søren", "Niels", "Emil" };
        var family = new[] { "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen" };
        var span = (s.End - s.Start).TotalDays;
        for (var i = 0; i < s.Options.Patients; i++)
        {
            var x = s.Random.NextDouble() * total;
            var municipality = cumulative.First(c => c.Upto >= x).Municipality;
            var birth = new DateOnly(1940, 1, 1).AddDays(s.Random.Next(0, 365 * 66));
            string cpr;
            do
            {
                var serial = birth.Year < 2000 ? s.Random.Next(0, 4000) : s.Random.Next(4000, 5000);
                cpr = birth.ToString("ddMMyy", CultureInfo.InvariantCulture) + serial.ToString("D4", CultureInfo.InvariantCulture);
            }
            while (!usedCpr.Add(cpr));

            var patient = new Patient
            {
                Id = s.NewId(), Cpr = cpr, GivenName = s.Pick(given), FamilyName = s.Pick(family), BirthDate = birth,
                MunicipalityId = municipality.Id, Phone = $"2{s.Random.Next(0, 10)} {s.Random.Next(10, 100)} {s.Random.Next(10, 100)} {s.Random.Next(10, 100)}",
            };
            s.Patients.Add(patient);

            var wards = s.WardsByRegion[municipality.ParentId!.Value];
            var homeWard = s.Pick(wards);
            var count = AdmissionCount(s.Random);
            var at = s.Start.AddDays(s.Random.NextDouble() * span);
            patient.CreatedAt = patient.UpdatedAt = at;
            for (var n = 0; n < count && at < s.End; n++)
            {
                var days = Math.Clamp(Math.Exp(Math.Log(12) + (Normal(s.Random) * 0.9)), 0.5, 400);
                var end = at.AddDays(days);
                var basis = s.Random.NextDouble() switch
                {
                    < 0.12 => LegalBasis.CompulsoryDetention,
                    < 0.20 => LegalBasis.CompulsoryAdmission,
                    _ => LegalBasis.Voluntary,
                };
                var admission = new Admission
                {
                    Id = s.NewId(), PatientId = patient.Id, WardId = s.Random.NextDouble() < 0.8 ? homeWard.Id : s.Pick(wards).Id,
                    Start = at, End = end < s.End ? end : null, LegalBasis = basis,
                    PlannedDischargeDate = end < s.End ? null : DateOnly.FromDateTime(end),
                };
                s.Admissions.Add(admission);

                // The next admission follows after weeks to years; frequent re-admitters come back sooner.
                at = end.AddDays(Math.Exp(Math.Log(count > 5 ? 30 : 200) + Normal(s.Random)));
            }
        }

        report.Rows["Patients"] = Write(db, s.Patients);
        report.Rows["Admissions"] = 0; // written after the documents have marked their target group
    }

    /// <summary>55 % one admission, 20 % two, 10 % three, 10 % four to eight, 5 % nine to sixty.</summary>
    private static int AdmissionCount(Random random) => random.NextDouble() switch
    {
        < 0.55 => 1,
        < 0.75 => 2,
        < 0.85 => 3,
        < 0.95 => random.Next(4, 9),
        _ => (int)Math.Min(60, 9 / Math.Sqrt(Math.Max(1e-4, random.NextDouble()))),
    };

    /// <summary>
    /// Udskrivningsaftaler and koordinationsplaner on admissions, mostly compulsory ones, in the state their admission
    /// implies: drafts, sent and accepted ones on current admissions; active, ended and a few entered-in-error ones on
    /// discharged admissions; one in seven has older versions (superseded).
    /// </summary>
    private static void Documents(CaseHubDbContext db, State s, GeneratorReport report)
    {
        var byId = s.Patients.ToDictionary(p => p.Id);
        var wardNames = s.WardsByRegion.Values.SelectMany(w => w).ToDictionary(w => w.Id, w => w.Name);
        var municipalityNames = s.Municipalities.ToDictionary(m => m.Id, m => m.Name);
        // Current compulsory admissions first (the law asks for the document during the admission), then compulsory
        // admissions, then voluntary ones, which are then marked as in the target group.
        var candidates = s.Admissions
            .OrderBy(a => a.LegalBasis == LegalBasis.Voluntary ? 1 + s.Random.NextDouble() : a.End is null ? -1 : s.Random.NextDouble() * 1.3)
            .Take(s.Options.Documents).ToList();
        var participants = new List<DocumentParticipant>();
        var actions = new List<AgreedAction>();
        var events = new List<DocumentEvent>();
        var agreementShare = (double)GeneratorOptions.AgreementsPerYear / (GeneratorOptions.AgreementsPerYear + GeneratorOptions.PlansPerYear);
        foreach (var admission in candidates)
        {
            var patient = byId[admission.PatientId];
            var kind = s.Random.NextDouble() < agreementShare ? DocumentKind.DischargeAgreement : DocumentKind.CoordinationPlan;
            if (admission.LegalBasis == LegalBasis.Voluntary)
            {
                admission.TargetGroupMarking = kind == DocumentKind.CoordinationPlan || s.Random.NextDouble() < 0.5 ? TargetGroupMarking.Section13aStk1 : TargetGroupMarking.Section13aStk2;
                admission.TargetGroupReason = "Modtager bostøtte efter serviceloven.";
            }

            var final = FinalStatus(s, admission);
            var revisions = final is DocumentStatus.Draft ? 1 : s.Random.NextDouble() switch { < 0.03 => 3, < 0.15 => 2, _ => 1 };
            var series = s.NewId();
            Guid? previous = null;
            var created = admission.Start.AddDays(1 + (s.Random.NextDouble() * 3));
            for (var revision = 1; revision <= revisions; revision++)
            {
                var status = revision < revisions ? DocumentStatus.Superseded : final;
                var ward = wardNames[admission.WardId];
                var d = new CareDocument
                {
                    Id = s.NewId(), Kind = kind, Status = status, SeriesId = series, Revision = revision, PreviousVersionId = previous,
                    Version = 3 + s.Random.Next(0, 12), PatientId = patient.Id, AdmissionId = admission.Id, AuthoringWardId = admission.WardId,
                    ReceivingMunicipalityId = patient.MunicipalityId, CreatedAt = created, UpdatedAt = created.AddHours(s.Random.Next(1, 72)),
                    UpdatedBy = "Kontaktperson " + ward,
                    LegalBasis = kind == DocumentKind.CoordinationPlan ? DocumentLegalBasis.Section13b
                        : admission.TargetGroupMarking == TargetGroupMarking.Section13aStk2 ? DocumentLegalBasis.Section13aStk2 : DocumentLegalBasis.Section13aStk1,
                    DeclineReason = kind == DocumentKind.CoordinationPlan ? "Borgeren ønsker ikke en udskrivningsaftale." : null,
                    OutpatientUnit = "Ambulatorium for Psykoser", Medication = "Som aftalt med overlægen", WarningSigns = "Isolerer sig og sover dårligt",
                    CrisisActions = "Kontakter ambulatoriet", CrisisContacts = "Akutmodtagelsen, døgnåben", NonAttendance = "Ambulatoriet ringer samme dag",
                    DrawnUpOn = DateOnly.FromDateTime(created), DischargeOn = DateOnly.FromDateTime(admission.End ?? created.AddDays(14)),
                };
                if (kind == DocumentKind.DischargeAgreement)
                {
                    d.ConsentGivenBy = "Borgeren selv";
                    d.ConsentDate = DateOnly.FromDateTime(created);
                    d.ConsentScope = "Kommunen og egen læge";
                    d.ConsentRecordedBy = d.UpdatedBy;
                }

                if (status is not DocumentStatus.Draft and not DocumentStatus.Sent)
                {
                    d.Housing = "Egen lejlighed";
                    d.HousingSupport = "Bostøtte to gange om ugen";
                    d.MunicipalityComment = "Aftalt med borgeren";
                }

                if (status == DocumentStatus.Ended)
                {
                    d.EndedOn = DateOnly.FromDateTime((admission.End ?? created).AddDays(90));
                    d.EndReason = "Forløbet er afsluttet";
                }

                if (status == DocumentStatus.EnteredInError)
                {
                    d.EnteredInErrorBy = d.UpdatedBy;
                    d.EnteredInErrorReason = "Oprettet på forkert borger";
                }

                s.Documents.Add(d);
                participants.Add(new DocumentParticipant { Id = s.NewId(), DocumentId = d.Id, Role = ParticipantRole.WardContactPerson, Name = "Kontaktperson", Organization = ward });
                participants.Add(new DocumentParticipant { Id = s.NewId(), DocumentId = d.Id, Role = ParticipantRole.Caseworker, Name = "Sagsbehandler", Organization = municipalityNames[patient.MunicipalityId] });
                if (s.Random.NextDouble() < 0.5)
                {
                    participants.Add(new DocumentParticipant { Id = s.NewId(), DocumentId = d.Id, Role = ParticipantRole.GeneralPractitioner, Name = "Egen læge", Organization = "Ydernr. 012345" });
                }

                for (var a = s.Random.Next(1, 4); a > 0; a--)
                {
                    actions.Add(new AgreedAction
                    {
                        Id = s.NewId(), DocumentId = d.Id, What = a % 2 == 0 ? "Bostøtte starter" : "Første ambulante samtale",
                        OwnerSector = a % 2 == 0 ? Sector.Municipality : Sector.Region, ResponsibleOrganization = a % 2 == 0 ? municipalityNames[patient.MunicipalityId] : ward,
                        DueOn = d.DischargeOn?.AddDays(a * 3), Status = status is DocumentStatus.Ended ? ActionStatus.Done : ActionStatus.Planned,
                    });
                }

                void Event(string what, DocumentStatus? to, DateTime at, string actor, string? org) =>
                    events.Add(new DocumentEvent { DocumentId = d.Id, PatientId = patient.Id, At = at, Kind = what, ToStatus = to, ActorName = actor, ActorOrganization = org });
                var t = created;
                Event(DocumentEvents.Created, DocumentStatus.Draft, t, "Kontaktperson", ward);
                Event(DocumentEvents.SectionSaved, null, t = t.AddMinutes(20), "Kontaktperson", ward);
                if (status is not DocumentStatus.Draft)
                {
                    Event(DocumentEvents.Sent, DocumentStatus.Sent, t = t.AddHours(4), "Kontaktperson", ward);
                }

                if (status is not DocumentStatus.Draft and not DocumentStatus.Sent and not DocumentStatus.EnteredInError)
                {
                    Event(DocumentEvents.Accepted, DocumentStatus.Accepted, t = t.AddHours(20), "Sagsbehandler", municipalityNames[patient.MunicipalityId]);
                }

                if (status is DocumentStatus.Active or DocumentStatus.Ended || (status == DocumentStatus.Superseded && admission.End is not null))
                {
                    Event(DocumentEvents.Activated, DocumentStatus.Active, admission.End ?? t, "Kontaktperson", ward);
                }

                if (status == DocumentStatus.Superseded)
                {
                    Event(DocumentEvents.Superseded, DocumentStatus.Superseded, t.AddDays(2), "Sagsbehandler", municipalityNames[patient.MunicipalityId]);
                }
                else if (status is DocumentStatus.Ended or DocumentStatus.EnteredInError)
                {
                    Event(status == DocumentStatus.Ended ? DocumentEvents.Ended : DocumentEvents.EnteredInError, status, t.AddDays(3), "Kontaktperson", ward);
                }

                previous = d.Id;
                created = created.AddDays(2);
            }
        }

        report.Rows["Admissions"] = Write(db, s.Admissions);
        report.Rows["CareDocuments"] = Write(db, s.Documents);
        report.Rows["DocumentParticipants"] = Write(db, participants);
        report.Rows["AgreedActions"] = Write(db, actions);
        report.Rows["DocumentEvents"] = Write(db, events);
    }

    private static DocumentStatus FinalStatus(State s, Admission admission)
    {
        var r = s.Random.NextDouble();
        if (admission.End is null)
        {
            return r switch { < 0.4 => DocumentStatus.Draft, < 0.75 => DocumentStatus.Sent, _ => DocumentStatus.Accepted };
        }

        if (r < 0.02)
        {
            return DocumentStatus.EnteredInError;
        }

        return (s.End - admission.End.Value).TotalDays < 365
            ? (r < 0.9 ? DocumentStatus.Active : DocumentStatus.Ended)
            : (r < 0.05 ? DocumentStatus.Active : DocumentStatus.Ended);
    }

    /// <summary>
    /// Patientens Team after discharge for four in ten patients with a document: the ward's and the municipality's
    /// stafetholders and the patient; a consent to share (a tenth of them lapsed); netværksmøder every two to four months
    /// for up to two years, held with approved minutes (a tenth still in draft) and follow-up tasks (all done after a quarter, some of the last quarter's overdue), and a few
    /// requested meetings, some past their due date. These are what the meeting, task and consent flag rules read.
    /// </summary>
    private static void TeamsAndMeetings(CaseHubDbContext db, State s, GeneratorReport report)
    {
        var members = new List<TeamMember>();
        var stafetholders = new List<Stafetholder>();
        var consents = new List<CrossSectorConsent>();
        var meetings = new List<Meeting>();
        var tasks = new List<FollowUpTask>();
        var admissions = s.Admissions.ToDictionary(a => a.Id);
        var today = s.Options.Today;
        var discharged = s.Documents
            .Where(d => d.Status is DocumentStatus.Active or DocumentStatus.Ended && admissions[d.AdmissionId].End is not null)
            .GroupBy(d => d.PatientId)
            .Select(g => g.OrderByDescending(d => admissions[d.AdmissionId].End).First());
        foreach (var document in discharged)
        {
            if (s.Random.NextDouble() >= 0.4)
            {
                continue;
            }

            var from = admissions[document.AdmissionId].End!.Value;
            TeamMember Member(TeamRole role, Guid? organization, string name) => new()
            {
                Id = s.NewId(), PatientId = document.PatientId, Role = role, OrganizationId = organization, Name = name,
                AddedAt = from, AddedByName = "Kontaktperson", Version = 1,
            };
            var ward = Member(TeamRole.Staff, document.AuthoringWardId, "Kontaktperson, afsnittet");
            var municipality = Member(TeamRole.Staff, document.ReceivingMunicipalityId, "Sagsbehandler, socialpsykiatrien");
            members.AddRange([ward, municipality, Member(TeamRole.Patient, null, "Borgeren")]);
            foreach (var (member, sector) in new[] { (ward, Sector.Region), (municipality, Sector.Municipality) })
            {
                stafetholders.Add(new Stafetholder
                {
                    Id = s.NewId(), PatientId = document.PatientId, Sector = sector, TeamMemberId = member.Id, From = from,
                    AssignedByName = "Kontaktperson", ActiveSector = sector,
                });
            }

            var given = DateOnly.FromDateTime(from);
            if (s.Random.NextDouble() < 0.7)
            {
                consents.Add(new CrossSectorConsent
                {
                    Id = s.NewId(), PatientId = document.PatientId, GivenOn = given, Scope = "Deling i Patientens Team",
                    ValidUntil = s.Random.NextDouble() < 0.1 ? given.AddMonths(6) : null, RecordedByUserId = Guid.Empty,
                    RecordedByName = "Kontaktperson", RecordedAt = from, Version = 1,
                });
            }

            // Most teams wind down within two years of the discharge.
            var at = from.AddDays(s.Random.Next(5, 30));
            var until = from.AddYears(2) < s.End ? from.AddYears(2) : s.End;
            while (at < until)
            {
                var meeting = new Meeting
                {
                    Id = s.NewId(), PatientId = document.PatientId, RequestedBy = MeetingRequester.Municipality,
                    RequestedAt = at.AddDays(-14), RequestedByName = "Sagsbehandler", HostOrganizationId = document.ReceivingMunicipalityId,
                    ChairName = "Sagsbehandler", PatientParticipation = PatientParticipation.Participates, Version = 1,
                };
                if (until == s.End && at.AddDays(60) > until && s.Random.NextDouble() < 0.3)
                {
                    // Asked for, not yet planned; due in a month from the request, so some are overdue today.
                    meeting.Status = MeetingStatus.Requested;
                    meeting.RequestedAt = at;
                    meeting.DueDate = DateOnly.FromDateTime(at).AddDays(30);
                    meetings.Add(meeting);
                    break;
                }

                meeting.Status = MeetingStatus.Held;
                meeting.Start = at;
                meeting.End = at.AddHours(1);
                meeting.HeldAt = at.AddHours(1);
                meeting.PlaceKind = PlaceKind.HouseRoom;
                meeting.PatientAttended = true;
                meeting.Participants.AddRange(new[] { ward, municipality }.Select(m => new MeetingParticipant { Id = s.NewId(), MeetingId = meeting.Id, TeamMemberId = m.Id, Attended = true }));
                var approved = s.Random.NextDouble() < 0.9;
                meeting.Minutes.Add(new MinutesVersion
                {
                    Id = s.NewId(), MeetingId = meeting.Id, Number = 1, State = approved ? MinutesState.Approved : MinutesState.Draft,
                    StatusSinceLast = "Stabil periode.", AgreedActions = "Fortsat bostøtte.", EditedByName = "Sagsbehandler", EditedAt = at.AddDays(1),
                    ApprovedByName = approved ? "Sagsbehandler" : null, ApprovedAt = approved ? at.AddDays(2) : null, Version = 1,
                });
                meetings.Add(meeting);
                for (var n = s.Random.Next(0, 3); n > 0; n--)
                {
                    var due = DateOnly.FromDateTime(at).AddDays(14 * n);
                    // Old tasks are done (or closed): only the last quarter's can still be open, a few of them overdue.
                    var done = due < today && (due < today.AddDays(-90) || s.Random.NextDouble() < 0.85);
                    tasks.Add(new FollowUpTask
                    {
                        Id = s.NewId(), PatientId = document.PatientId, MeetingId = meeting.Id, Description = "Opfølgning fra netværksmødet",
                        OwnerOrganizationId = n % 2 == 0 ? document.AuthoringWardId : document.ReceivingMunicipalityId, DueDate = due,
                        CreatedAt = at.AddHours(1), CreatedByName = "Sagsbehandler", Version = 1,
                        CompletedAt = done ? due.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc) : null, CompletedByName = done ? "Sagsbehandler" : null,
                    });
                }

                at = at.AddDays(s.Random.Next(60, 120));
            }
        }

        report.Rows["TeamMembers"] = Write(db, members);
        report.Rows["Stafetholders"] = Write(db, stafetholders);
        report.Rows["CrossSectorConsents"] = Write(db, consents);
        report.Rows["Meetings"] = Write(db, meetings);
        report.Rows["MeetingParticipants"] = Write(db, meetings.SelectMany(m => m.Participants));
        report.Rows["MinutesVersions"] = Write(db, meetings.SelectMany(m => m.Minutes));
        report.Rows["FollowUpTasks"] = Write(db, tasks);
    }

    /// <summary>The access log: reads of cases and documents by the staff of the ward and the municipality.</summary>
    private static void Audit(CaseHubDbContext db, State s, GeneratorReport report)
    {
        var patients = s.Patients.ToDictionary(p => p.Id);
        IEnumerable<AuditEntry> Rows()
        {
            AuditEntry Entry(Guid patientId, Guid organizationId, DateTime at, string action, string kind, string? dataId, bool ward) => new()
            {
                At = at, Username = ward ? $"kontakt{organizationId.ToString()[..4]}" : $"sag{organizationId.ToString()[..4]}",
                UserDisplayName = ward ? "Kontaktperson" : "Sagsbehandler", OrganizationId = organizationId,
                Roles = ward ? "WardContactPerson" : "Caseworker", Action = action, DataKind = kind, DataId = dataId, PatientId = patientId,
                IpAddress = "10.0.0." + s.Random.Next(1, 255).ToString(CultureInfo.InvariantCulture), Client = "Mozilla/5.0",
                Rule = ward ? "ward-current-admission" : "home-municipality", Outcome = s.Random.NextDouble() < 0.002 ? AuditOutcome.Denied : AuditOutcome.Allowed,
            };

            foreach (var a in s.Admissions)
            {
                var length = ((a.End ?? s.End) - a.Start).TotalHours;
                for (var n = 0; n < GeneratorOptions.AuditPerAdmission; n++)
                {
                    yield return Entry(a.PatientId, a.WardId, a.Start.AddHours(s.Random.NextDouble() * length), "case.read", "Case", null, ward: true);
                }
            }

            foreach (var d in s.Documents)
            {
                for (var n = 0; n < GeneratorOptions.AuditPerDocument; n++)
                {
                    var ward = n % 2 == 0;
                    yield return Entry(d.PatientId, ward ? d.AuthoringWardId : patients[d.PatientId].MunicipalityId, d.CreatedAt.AddHours(s.Random.NextDouble() * 24 * 30),
                        n % 3 == 0 ? "document.list" : "document.read", "Document", d.Id.ToString(), ward);
                }
            }
        }

        report.Rows["AuditEntries"] = Write(db, Rows());
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
