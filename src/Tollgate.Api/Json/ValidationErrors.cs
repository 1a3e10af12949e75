namespace Tollgate.Api.Json;

/// <summary>Collects every validation problem of a request, keyed by the field it concerns.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons)) _errors[field] = reasons = [];
        if (!reasons.Contains(reason)) reasons.Add(reason);
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public Problems.Problem ToProblem() => Problems.Problem.Validation(ToDictionary());
}

/// <summary>A request body that checks its own rules after it was read (required fields and types are checked before).</summary>
public interface IValidatable
{
    void Validate(ValidationErrors errors);
}
