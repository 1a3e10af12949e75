using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Tollgate.Data.Billing;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;

namespace Tollgate.Billing.Invoices;

/// <summary>Renders an invoice as a PDF a reseller or customer can forward: issuer and payer, period, every line, total.</summary>
/// <remarks>
/// A4 pages; the table of lines continues over as many pages as it needs, with its heading repeated, and every page
/// says which page of how many it is. Amounts are printed with the currency's minor unit. The document's metadata
/// (title, subject, author) names the invoice too, so mail clients and archives can file it.
/// </remarks>
public sealed class InvoicePdf(IOptions<BillingOptions> options)
{
    private const double Margin = 50;
    private const double RowHeight = 22;
    private const double FirstTableTop = 250;
    private const double ContinuedTableTop = 110;
    private const double PeriodColumn = 280;
    private const double FeeColumnRight = 470;
    private static readonly XSize A4 = new(595, 842);

    public byte[] Render(InvoiceDocument document)
    {
        var invoice = document.Invoice;
        var currency = Currency.Of(invoice.Currency);
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Invoice {invoice.Number}";
        pdf.Info.Subject = $"{invoice.PayerName}, {Period(invoice.PeriodStart, invoice.PeriodEnd)}";
        pdf.Info.Author = invoice.IssuerName;
        pdf.Info.Creator = "Tollgate";

        var pages = Paginate(document.Lines.Count);
        var index = 0;
        for (var pageNumber = 1; pageNumber <= pages.Count; pageNumber++)
        {
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var top = pageNumber == 1 ? DrawHeading(gfx, invoice) : DrawContinuation(gfx, invoice);
            var y = DrawTableHeading(gfx, top);
            for (var row = 0; row < pages[pageNumber - 1]; row++, index++)
            {
                DrawLine(gfx, document.Lines[index], currency, y);
                y += RowHeight;
            }
            if (pageNumber == pages.Count) DrawTotal(gfx, invoice, currency, y + 6);
            Text(gfx, $"Page {pageNumber} of {pages.Count}", Small, A4.Width - Margin, A4.Height - 30, XStringFormats.TopRight);
            Text(gfx, $"{invoice.IssuerName} · invoice {invoice.Number}", Small, Margin, A4.Height - 30);
        }
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>How many lines go on each page: the first page has the addresses, the last keeps room for the total.</summary>
    private static List<int> Paginate(int lines)
    {
        var firstCapacity = (int)((A4.Height - 90 - FirstTableTop - 20) / RowHeight);
        var laterCapacity = (int)((A4.Height - 90 - ContinuedTableTop - 20) / RowHeight);
        var pages = new List<int>();
        var left = lines;
        var capacity = firstCapacity;
        do
        {
            var take = Math.Min(left, capacity);
            pages.Add(take);
            left -= take;
            capacity = laterCapacity;
        } while (left > 0);
        // The total needs two rows under the last line.
        if (pages[^1] > (pages.Count == 1 ? firstCapacity : laterCapacity) - 2 && lines > 0)
        {
            var moved = Math.Min(2, pages[^1]);
            pages[^1] -= moved;
            pages.Add(moved);
        }
        return pages;
    }

    private double DrawHeading(XGraphics gfx, Invoice invoice)
    {
        Text(gfx, invoice.IssuerName, Large, Margin, Margin);
        var y = Margin + 24;
        var address = invoice.IssuerKey == Invoice.ProviderIssuer ? options.Value.ProviderAddress : null;
        foreach (var line in (address ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Text(gfx, line, Regular, Margin, y);
            y += 13;
        }
        Text(gfx, "INVOICE", Large, A4.Width - Margin, Margin, XStringFormats.TopRight);
        Text(gfx, $"Number {invoice.Number}", Bold, A4.Width - Margin, Margin + 24, XStringFormats.TopRight);
        Text(gfx, $"Issued {Day(DateOnly.FromDateTime(invoice.IssuedAt))}", Regular, A4.Width - Margin, Margin + 38, XStringFormats.TopRight);

        Text(gfx, "Bill to", Bold, Margin, 150);
        Text(gfx, invoice.PayerName, Regular, Margin, 165);
        Text(gfx, $"{(invoice.PayerKind == PayerKind.Reseller ? "Reseller" : "Customer")} no. {invoice.PayerId}", Regular, Margin, 179);
        Text(gfx, "Billing period", Bold, 320, 150);
        Text(gfx, Period(invoice.PeriodStart, invoice.PeriodEnd), Regular, 320, 165);
        Text(gfx, $"Currency {invoice.Currency}", Regular, 320, 179);
        return FirstTableTop;
    }

    private static double DrawContinuation(XGraphics gfx, Invoice invoice)
    {
        Text(gfx, invoice.IssuerName, Bold, Margin, Margin);
        Text(gfx, $"Invoice {invoice.Number} (continued) · {invoice.PayerName} · {Period(invoice.PeriodStart, invoice.PeriodEnd)}", Regular, Margin, Margin + 16);
        return ContinuedTableTop;
    }

    private static double DrawTableHeading(XGraphics gfx, double top)
    {
        Text(gfx, "Description", Bold, Margin, top);
        Text(gfx, "Service period", Bold, PeriodColumn, top);
        Text(gfx, "Monthly fee", Bold, FeeColumnRight, top, XStringFormats.TopRight);
        Text(gfx, "Amount", Bold, A4.Width - Margin, top, XStringFormats.TopRight);
        gfx.DrawLine(XPens.Black, Margin, top + 14, A4.Width - Margin, top + 14);
        return top + 20;
    }

    private static void DrawLine(XGraphics gfx, InvoiceLine line, Currency currency, double y)
    {
        Text(gfx, Fit(gfx, line.Item, Regular, PeriodColumn - Margin - 8), Regular, Margin, y);
        if (line.Detail.Length > 0) Text(gfx, Fit(gfx, line.Detail, Small, PeriodColumn - Margin - 8), Small, Margin, y + 10);
        Text(gfx, Period(line.ServiceFrom, line.ServiceTo), Regular, PeriodColumn, y);
        Text(gfx, Amount(line.Fee, currency), Regular, FeeColumnRight, y, XStringFormats.TopRight);
        Text(gfx, Amount(line.Amount, currency), Regular, A4.Width - Margin, y, XStringFormats.TopRight);
    }

    private static void DrawTotal(XGraphics gfx, Invoice invoice, Currency currency, double y)
    {
        gfx.DrawLine(XPens.Black, PeriodColumn, y, A4.Width - Margin, y);
        Text(gfx, $"Total {invoice.Currency}", Bold, PeriodColumn, y + 5);
        Text(gfx, Amount(invoice.Total, currency), Bold, A4.Width - Margin, y + 5, XStringFormats.TopRight);
    }

    private static readonly XFont Regular = Font(9, XFontStyleEx.Regular);
    private static readonly XFont Bold = Font(9, XFontStyleEx.Bold);
    private static readonly XFont Small = Font(7, XFontStyleEx.Regular);
    private static readonly XFont Large = Font(16, XFontStyleEx.Bold);

    // Fonts resolve when they are made, so the resolver must be in place first.
    private static XFont Font(double size, XFontStyleEx style)
    {
        EmbeddedFonts.Install();
        return new XFont(EmbeddedFonts.Family, size, style);
    }

    private static void Text(XGraphics gfx, string text, XFont font, double x, double y, XStringFormat? format = null) =>
        gfx.DrawString(text, font, XBrushes.Black, new XPoint(x, y), format ?? XStringFormats.TopLeft);

    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width) return text;
        while (text.Length > 1 && gfx.MeasureString(text + "…", font).Width > width) text = text[..^1];
        return text + "…";
    }

    /// <summary>A half-open range as people read it, by its last day: "1 May – 31 May 2026", "15 Dec 2026 – 14 Jan 2027".</summary>
    private static string Period(DateOnly start, DateOnly end)
    {
        var last = new DateRange(start, end).LastDay;
        return start.Year == last.Year
            ? $"{start.ToString("d MMM", CultureInfo.InvariantCulture)} – {Day(last)}"
            : $"{Day(start)} – {Day(last)}";
    }

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount, Currency currency) =>
        amount.ToString("N" + currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
