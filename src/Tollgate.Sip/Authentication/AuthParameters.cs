using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Authentication;

/// <summary>The scheme and auth-params of a WWW-Authenticate/Authorization value, names case-insensitive.</summary>
internal sealed class AuthParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    private AuthParameters(string scheme) => Scheme = scheme;

    public string Scheme { get; }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static bool TryParse(string text, out AuthParameters? parameters, out string? error)
    {
        parameters = null;
        var s = Encoding.UTF8.GetBytes(text);
        if (!AuthScanner.TryScanScheme(s, out var scheme, out var i, out error))
        {
            return false;
        }

        var result = new AuthParameters(Encoding.ASCII.GetString(s[scheme]));
        while (AuthScanner.TryNextParam(s, ref i, out var p, out error))
        {
            var value = p.Quoted ? Lex.Unquote(p.Value(s)) : Encoding.UTF8.GetString(p.Value(s));
            result._values.TryAdd(Encoding.ASCII.GetString(p.Name(s)), value);
        }

        if (error is not null)
        {
            return false;
        }

        parameters = result;
        return true;
    }
}
