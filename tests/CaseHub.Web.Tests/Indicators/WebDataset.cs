using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CaseHub.Web.Tests.Infrastructure;

namespace CaseHub.Web.Tests.Indicators;

/// <summary>
/// A small dataset for the pages and verbs. Aalborg 0851 (Region Nordjylland) has 100,000 residents in the 2nd quarter
/// of every year (20,000 children, 80,000 adults). Belt restraints of adults living there: 10 in each of 2021-2023
/// (baseline 10 per 100,000) and 7 in 2024 (7 per 100,000, -30 %), plus 2 physical holdings of a child in 2024.
/// </summary>
public static class WebDataset
{
    public static string Population(bool withSecondQuarter = true)
    {
        var csv = new StringBuilder("year;quarter;municipality_code;age;count\n");
        for (var year = 2021; year <= 2024; year++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{year};1;851;40;1\n");
            if (withSecondQuarter)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{year};2;851;10;20000\n{year};2;851;40;80000\n");
            }
        }

        return csv.ToString();
    }

    public static string Register()
    {
        var csv = new StringBuilder("measure_id,person_key,birth_date,municipality_code,region_code,ward_sor,type,start,end\n");
        var id = 0;
        foreach (var (year, count) in new[] { (2021, 10), (2022, 10), (2023, 10), (2024, 7) })
        {
            for (var i = 0; i < count; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"W{++id},K{i % 3},1980-01-01,0851,DK-81,6121000016002,baeltefiksering,{year}-05-{i + 1:00}T10:00:00,{year}-05-{i + 1:00}T13:00:00\n");
            }
        }

        csv.Append("W100,C1,2012-01-01,0851,1081,6121000016002,fastholdelse,2024-02-01T10:00:00,\n");
        csv.Append("W101,C1,2012-01-01,0851,1081,6121000016002,fastholdelse,2024-02-02T10:00:00,\n");
        return csv.ToString();
    }

    public const string Admissions =
        "admission_id;person_key;birth_date;municipality_code;region_code;ward_sor;start;end;legal_basis\n" +
        "A1;K0;1980-01-01;0851;1081;6121000016002;2024-05-01T08:00:00;2024-05-20T08:00:00;tvangsindlaeggelse\n";

    public const string BadRegister =
        "measure_id;person_key;birth_date;municipality_code;region_code;ward_sor;type;start;end\n" +
        "B1;K1;1980-01-01;0851;1081;1;baeltefiksering;2024-05-01T10:00:00;2024-05-01T12:00:00\n" +
        "B2;K1;1980-01-01;85;1081;1;baeltefiksering;2024-05-01T10:00:00;\n" +
        "B3;K1;1980-01-01;0851;1081;1;tvang;2024-05-01;\n";

    /// <summary>Posts one of the import page's upload forms with a file, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string csv, string fileName = "udtraek.csv")
    {
        var page = await client.GetPageAsync("/Indicators/Import");
        var form = page.QuerySelector($"form#import-{kind}") ?? throw new InvalidOperationException($"No upload form for {kind}");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name=kind]")!.GetAttribute("value")!), "kind" },
            { file, "file", fileName },
        };
        return await client.PostAsync(form.GetAttribute("action"), content);
    }
}
