using PdfSharp.Fonts;

namespace Tollgate.Billing.Invoices;

/// <summary>Gives PDFsharp the DejaVu Sans font embedded in this assembly, so invoices render the same on any server.</summary>
/// <remarks>
/// A server often has no fonts installed at all. One regular face serves every request; PDFsharp simulates bold and
/// italic from it. PDFsharp keeps one resolver for the whole process, set once, before any text is drawn.
/// </remarks>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Face = "DejaVuSans";

    private static readonly Lazy<byte[]> Regular = new(() =>
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream("Tollgate.Billing.Fonts.DejaVuSans.ttf")
                           ?? throw new InvalidOperationException("The embedded invoice font is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly Lock Gate = new();
    private static readonly EmbeddedFonts Instance = new();

    /// <summary>Installs the resolver once for the process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(Face, isBold, isItalic);

    public byte[]? GetFont(string faceName) => faceName == Face ? Regular.Value : null;
}
