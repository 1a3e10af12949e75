namespace Tollgate.Sip.Messages;

/// <summary>One <c>;name=value</c> parameter of a URI or header; a parameter without "=" has a null value.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Value">The value, unescaped from its quoted-string form when <paramref name="Quoted"/>.</param>
/// <param name="Quoted">True when the value was (and will be written as) a quoted-string.</param>
public readonly record struct SipParameter(string Name, string? Value, bool Quoted = false)
{
    public override string ToString() =>
        Value is null ? Name : Quoted ? $"{Name}={Syntax.Lex.Quote(Value)}" : $"{Name}={Value}";
}
