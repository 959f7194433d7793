namespace CaseHub.Core.Common;

/// <summary>
/// Danish messages for the fields a use case refused, keyed by field name, so a page can show each next to its
/// field. A use case that returns errors has saved nothing.
/// </summary>
public sealed class FieldErrors : Dictionary<string, string>
{
    public bool Any => Count > 0;

    public FieldErrors Add(string field, string message, bool when)
    {
        if (when && !ContainsKey(field))
        {
            this[field] = message;
        }

        return this;
    }
}

/// <summary>The outcome of a use case: a value, or the field errors that stopped it.</summary>
public sealed record Outcome<T>(T? Value, FieldErrors Errors)
{
    public bool Succeeded => !Errors.Any;

    public static Outcome<T> Ok(T value) => new(value, []);

    public static Outcome<T> Fail(FieldErrors errors) => new(default, errors);

    public static Outcome<T> Fail(string field, string message) => new(default, new FieldErrors { [field] = message });
}
