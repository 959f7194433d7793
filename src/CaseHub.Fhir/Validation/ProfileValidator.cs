using System.Collections.Concurrent;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Fhir.Validation;

/// <summary>
/// Checks a resource against one of CaseHub's profiles by walking the profile's differential: cardinality, fixed and
/// pattern values, slices by identifier system or extension url, required bindings to our ValueSets, extension
/// profiles and FHIRPath invariants (Firely's engine). Firely's full profile validator is not available to us, and
/// the differential is all our profiles constrain, so this is enough to enforce the contract exactly.
/// </summary>
public sealed class ProfileValidator(FhirContract contract)
{
    private static readonly FhirPathCompiler Compiler = new();
    private readonly ConcurrentDictionary<string, CompiledExpression> compiled = new(StringComparer.Ordinal);

    /// <summary>A value in the instance with the FHIRPath that leads to it.</summary>
    private sealed record Node(Base Value, string Path);

    /// <summary>Every way <paramref name="resource"/> breaks the profile; empty when it conforms.</summary>
    public IReadOnlyList<FhirIssue> Validate(Resource resource, string profileUrl)
    {
        if (!contract.StructureDefinitions.TryGetValue(profileUrl, out var profile))
        {
            return [new FhirIssue(IssueType.NotSupported, resource.TypeName, $"Unknown profile '{profileUrl}'.")];
        }

        if (profile.Type != resource.TypeName)
        {
            return [new FhirIssue(IssueType.Invalid, "resourceType", $"Profile '{profileUrl}' is for {profile.Type}, not {resource.TypeName}.")];
        }

        var issues = new List<FhirIssue>();
        Check(profile, new Node(resource, resource.TypeName), issues);
        return issues;
    }

    private void Check(StructureDefinition profile, Node root, List<FhirIssue> issues)
    {
        var elements = profile.Differential?.Element ?? [];
        var byId = elements.Where(e => e.ElementId is not null).ToDictionary(e => e.ElementId!, StringComparer.Ordinal);
        foreach (var element in byId.Values)
        {
            var segments = element.ElementId!.Split('.');
            List<Node> nodes;
            if (segments.Length == 1)
            {
                nodes = [root];
            }
            else
            {
                nodes = [];
                var parentId = string.Join('.', segments[..^1]);
                foreach (var parent in Resolve(segments[..^1], byId, root))
                {
                    var children = Children(parent, segments[^1], parentId, byId);
                    CheckCardinality(element, parent, segments[^1], children.Count, issues);
                    nodes.AddRange(children);
                }
            }

            foreach (var node in nodes)
            {
                CheckValue(element, node, issues);
                CheckBinding(element, node, issues);
                CheckInvariants(element, node, issues);
                CheckExtensionProfile(element, node, issues);
            }
        }
    }

    /// <summary>The nodes an element id (e.g. <c>Patient.identifier:cpr</c>) stands for in the instance.</summary>
    private static List<Node> Resolve(string[] segments, Dictionary<string, ElementDefinition> byId, Node root)
    {
        var nodes = new List<Node> { root };
        for (var i = 1; i < segments.Length; i++)
        {
            var parentId = string.Join('.', segments[..i]);
            nodes = nodes.SelectMany(n => Children(n, segments[i], parentId, byId)).ToList();
        }

        return nodes;
    }

    private static List<Node> Children(Node parent, string segment, string parentId, Dictionary<string, ElementDefinition> byId)
    {
        var (name, slice) = SplitSegment(segment);
        var children = new List<Node>();
        foreach (var (key, value) in parent.Value.EnumerateElements())
        {
            if (key != name)
            {
                continue;
            }

            if (value is IReadOnlyList<Base> list)
            {
                children.AddRange(list.Select((item, i) => new Node(item, $"{parent.Path}.{name}[{i}]")));
            }
            else if (value is Base single)
            {
                children.Add(new Node(single, $"{parent.Path}.{name}"));
            }
        }

        if (slice is null)
        {
            return children;
        }

        var slicing = byId.GetValueOrDefault($"{parentId}.{name}");
        var sliceDefinition = byId.GetValueOrDefault($"{parentId}.{segment}");
        return slicing?.Slicing is null || sliceDefinition is null
            ? []
            : children.Where(c => InSlice(c.Value, slicing.Slicing, sliceDefinition, byId)).ToList();
    }

    private static (string Name, string? Slice) SplitSegment(string segment)
    {
        var parts = segment.Split(':', 2);
        var name = parts[0].EndsWith("[x]", StringComparison.Ordinal) ? parts[0][..^3] : parts[0];
        return (name, parts.Length == 2 ? parts[1] : null);
    }

    /// <summary>Whether an item belongs to a slice: every discriminator path has the value the slice fixes.</summary>
    private static bool InSlice(Base item, ElementDefinition.SlicingComponent slicing, ElementDefinition slice, Dictionary<string, ElementDefinition> byId)
    {
        foreach (var discriminator in slicing.Discriminator)
        {
            var path = discriminator.Path ?? string.Empty;
            string? expected;
            if (path == "url" && slice.Type.FirstOrDefault()?.Profile.FirstOrDefault() is { } extensionUrl)
            {
                expected = extensionUrl;
            }
            else
            {
                expected = PrimitiveChild(slice.Pattern ?? slice.Fixed, path)
                    ?? (byId.GetValueOrDefault($"{slice.ElementId}.{path}") is { } child ? Literal(child.Fixed ?? child.Pattern) : null);
            }

            if (expected is null || PrimitiveChild(item, path) != expected)
            {
                return false;
            }
        }

        return true;
    }

    private static string? PrimitiveChild(Base? value, string name) =>
        value?.EnumerateElements().Where(kv => kv.Key == name).Select(kv => Literal(kv.Value as Base)).FirstOrDefault();

    private static string? Literal(Base? value) => value is PrimitiveType p ? p.ToString() : null;

    private static void CheckCardinality(ElementDefinition element, Node parent, string segment, int count, List<FhirIssue> issues)
    {
        var (name, slice) = SplitSegment(segment);
        var what = slice is null ? $"'{name}'" : $"'{name}' in slice '{slice}'";
        if (element.Min is { } min && count < min)
        {
            issues.Add(new FhirIssue(IssueType.Required, $"{parent.Path}.{name}", $"{what} is required at least {min} time(s); found {count}."));
        }

        if (element.Max is { } max && max != "*" && int.TryParse(max, out var limit) && count > limit)
        {
            issues.Add(new FhirIssue(IssueType.Structure, $"{parent.Path}.{name}", $"{what} is allowed at most {limit} time(s); found {count}."));
        }
    }

    private static void CheckValue(ElementDefinition element, Node node, List<FhirIssue> issues)
    {
        if (element.Fixed is { } fixedValue && !SameValue(node.Value, fixedValue, exact: true))
        {
            issues.Add(new FhirIssue(IssueType.Value, node.Path, $"The value must be exactly {Describe(fixedValue)}."));
        }

        if (element.Pattern is { } pattern && !SameValue(node.Value, pattern, exact: false))
        {
            issues.Add(new FhirIssue(IssueType.Value, node.Path, $"The value must match {Describe(pattern)}."));
        }
    }

    private static bool SameValue(Base value, DataType expected, bool exact) =>
        value is PrimitiveType p && expected is PrimitiveType e
            ? p.ToString() == e.ToString()
            : exact ? value.IsExactly(expected) : value.Matches(expected);

    private static string Describe(DataType value) => value is PrimitiveType p
        ? $"'{p}'"
        : string.Join(", ", value.EnumerateElements().Select(kv => $"{kv.Key} = '{Literal(kv.Value as Base)}'"));

    private void CheckBinding(ElementDefinition element, Node node, List<FhirIssue> issues)
    {
        if (element.Binding is not { Strength: BindingStrength.Required, ValueSet: { } valueSet })
        {
            return;
        }

        var codes = node.Value switch
        {
            Coding c => [(c.System, c.Code)],
            CodeableConcept cc => cc.Coding.Select(c => (c.System, c.Code)).ToList(),
            PrimitiveType p => [((string?)null, p.ToString())],
            _ => new List<(string? System, string? Code)>(),
        };
        var verdicts = codes.Select(c => contract.InValueSet(valueSet, c.System, c.Code)).ToList();
        if (verdicts.Any(v => v is null) || verdicts.Any(v => v == true))
        {
            return;
        }

        var shown = string.Join(", ", codes.Select(c => $"{c.System}#{c.Code}"));
        issues.Add(new FhirIssue(IssueType.CodeInvalid, node.Path, $"The code ({(shown.Length == 0 ? "none" : shown)}) is not in the required ValueSet {valueSet}."));
    }

    private void CheckInvariants(ElementDefinition element, Node node, List<FhirIssue> issues)
    {
        foreach (var constraint in element.Constraint.Where(c => !string.IsNullOrWhiteSpace(c.Expression)))
        {
            var text = constraint.Expression!;
            bool holds;
            try
            {
                var expression = compiled.GetOrAdd(text, e => Compiler.Compile(e));
                holds = expression.Predicate(node.Value, new FhirEvaluationContext());
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or InvalidCastException)
            {
                issues.Add(new FhirIssue(IssueType.Invariant, node.Path, $"Invariant {constraint.Key} could not be evaluated: {e.Message}"));
                continue;
            }

            if (!holds)
            {
                issues.Add(new FhirIssue(IssueType.Invariant, node.Path, $"{constraint.Key}: {constraint.Human}"));
            }
        }
    }

    private void CheckExtensionProfile(ElementDefinition element, Node node, List<FhirIssue> issues)
    {
        if (node.Value is Extension
            && element.Type.FirstOrDefault() is { Code: "Extension" } type
            && type.Profile.FirstOrDefault() is { } url
            && contract.StructureDefinitions.TryGetValue(url, out var extensionProfile))
        {
            Check(extensionProfile, node, issues);
        }
    }
}
