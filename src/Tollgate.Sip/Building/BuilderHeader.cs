using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Building;

/// <summary>A header held by a builder: a name and either text or raw bytes copied from a parsed message.</summary>
internal readonly record struct BuilderHeader(KnownHeader Id, string Name, string? Text, ReadOnlyMemory<byte> Raw)
{
    public int ValueByteCount => Text is null ? Raw.Length : Encoding.UTF8.GetByteCount(Text);

    public string ValueText => Text ?? Syntax.Lex.Unfold(Raw.Span);

    public bool Is(KnownHeader id, string name) =>
        id != KnownHeader.Unknown ? Id == id : Id == KnownHeader.Unknown && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}
