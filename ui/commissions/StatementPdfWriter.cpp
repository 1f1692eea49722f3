#include "commissions/StatementPdfWriter.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QColor>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <array>
#include <cmath>

namespace outpost {

using commissions::Statement;
using commissions::StatementLine;

namespace {

constexpr int kResolution = 300; // dpi of the page coordinates
constexpr qreal kMarginMm = 15;
constexpr qreal kFontPoints = 9;
constexpr int kColumns = 7; // rule, order, from, level, percent, base, amount
constexpr std::array<qreal, kColumns> kWidths{0.15, 0.15, 0.23, 0.07, 0.10, 0.15, 0.15}; // of the page's width
constexpr int kFirstNumberColumn = 3; // from here on, right-aligned

void setUp(QPdfWriter& writer, const QString& title)
{
    writer.setResolution(kResolution);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Outpost"));
}

// The geometry of the pages, in the writer's device pixels (the painter's origin is the top left of the area
// inside the margins).
struct Layout
{
    Layout(QPdfWriter& writer, const Statement& statement)
    {
        font.setPointSizeF(kFontPoints);
        bold = font;
        bold.setBold(true);
        plainMetrics = QFontMetricsF(font, &writer);
        boldMetrics = QFontMetricsF(bold, &writer);
        rowHeight = std::ceil(plainMetrics.height() * 1.5);
        padding = std::ceil(plainMetrics.averageCharWidth() / 2);
        const QRectF area = writer.pageLayout().paintRectPixels(writer.resolution());
        width = area.width();
        height = area.height();
        header.documentLayout()->setPaintDevice(&writer);
        header.setDefaultFont(font);
        header.setHtml(statement.headerHtml());
        header.setTextWidth(width);
        headerHeight = std::ceil(header.size().height() + rowHeight / 2);
        const qreal table = height - 2 * rowHeight; // the column titles above, the page's foot below
        pages.first = std::max(1, int((table - headerHeight) / rowHeight));
        pages.others = std::max(1, int(table / rowHeight));
    }

    QFont font;
    QFont bold;
    QFontMetricsF plainMetrics{font}; // on the writer, set in the constructor
    QFontMetricsF boldMetrics{bold};
    qreal rowHeight = 0;
    qreal padding = 0;
    qreal width = 0;
    qreal height = 0;
    QTextDocument header;
    qreal headerHeight = 0;
    StatementPdfWriter::Pages pages;
};

using Cells = std::array<QString, kColumns>;

// The cells of a row, in the painter's font, whose metrics are `metrics`.
void drawRow(QPainter& painter, const Layout& layout, const QFontMetricsF& metrics, qreal y, const Cells& cells)
{
    qreal x = 0;
    for (int i = 0; i < kColumns; ++i) {
        const qreal w = kWidths[i] * layout.width;
        const QRectF cell(x + layout.padding, y, w - 2 * layout.padding, layout.rowHeight);
        const Qt::Alignment align = i >= kFirstNumberColumn ? Qt::AlignRight : Qt::AlignLeft;
        painter.drawText(cell, int(align | Qt::AlignVCenter), metrics.elidedText(cells[i], Qt::ElideRight, cell.width()));
        x += w;
    }
}

Cells lineCells(const Statement& statement, const StatementLine& line)
{
    return {line.ruleText(),
            line.orderId.isEmpty() ? StatementPdfWriter::tr("%n order(s)", nullptr, line.orderCount) : line.orderId,
            line.sourceName,
            QString::number(line.level),
            line.percentText(),
            Statement::money(line.base, statement.currency),
            Statement::money(line.amount, statement.currency)};
}

} // namespace

int StatementPdfWriter::Pages::count(qint64 rows) const
{
    if (rows <= first)
        return 1;
    return int(1 + (rows - first + others - 1) / others);
}

StatementPdfWriter::Pages StatementPdfWriter::pagesFor(const Statement& statement)
{
    QBuffer nowhere; // nothing is painted: the writer only measures
    QPdfWriter writer(&nowhere);
    setUp(writer, {});
    return Layout(writer, statement).pages;
}

Result<int> StatementPdfWriter::write(const Statement& statement, QIODevice* out, const Options& options)
{
    QPdfWriter writer(out);
    setUp(writer, options.title);
    Layout layout(writer, statement);
    const qint64 rows = statement.lines.size() + 1; // the lines, then the total
    const int pageCount = layout.pages.count(rows);
    const QPen thin(QColor(0x60, 0x60, 0x60), kResolution / 150.0);
    const QColor zebra(0xf2, 0xf3, 0xf5);

    QPainter painter;
    if (!painter.begin(&writer))
        return Error(ErrorCode::Io, tr("Could not start writing the PDF."));
    qint64 row = 0;
    for (int page = 1; page <= pageCount; ++page) {
        if (page > 1)
            writer.newPage();
        qreal y = 0;
        if (page == 1) {
            layout.header.drawContents(&painter);
            y = layout.headerHeight;
        }
        painter.setFont(layout.bold);
        painter.setPen(Qt::black);
        drawRow(painter, layout, layout.boldMetrics, y,
                {tr("Rule"), tr("Order"), tr("From"), tr("Level"), tr("Percent"), tr("Base"), tr("Amount")});
        y += layout.rowHeight;
        painter.setPen(thin);
        painter.drawLine(QPointF(0, y), QPointF(layout.width, y));
        painter.setFont(layout.font);
        painter.setPen(Qt::black);
        const int capacity = page == 1 ? layout.pages.first : layout.pages.others;
        for (int i = 0; i < capacity && row < rows; ++i, ++row, y += layout.rowHeight) {
            if (options.cancel && options.cancel->load()) {
                painter.end();
                return Error(ErrorCode::Cancelled, tr("The export was cancelled."));
            }
            if (row < statement.lines.size()) {
                if (row % 2)
                    painter.fillRect(QRectF(0, y, layout.width, layout.rowHeight), zebra);
                drawRow(painter, layout, layout.plainMetrics, y, lineCells(statement, statement.lines.at(row)));
                continue;
            }
            painter.setPen(thin);
            painter.drawLine(QPointF(0, y), QPointF(layout.width, y));
            painter.setPen(Qt::black);
            painter.setFont(layout.bold);
            const QRectF total(layout.padding, y, layout.width - 2 * layout.padding, layout.rowHeight);
            painter.drawText(total, int(Qt::AlignLeft | Qt::AlignVCenter), tr("Total"));
            painter.drawText(total, int(Qt::AlignRight | Qt::AlignVCenter), Statement::money(statement.total, statement.currency));
        }
        painter.setFont(layout.font);
        painter.setPen(QColor(0x60, 0x60, 0x60));
        const QRectF foot(0, layout.height - layout.rowHeight, layout.width, layout.rowHeight);
        painter.drawText(foot, int(Qt::AlignLeft | Qt::AlignBottom),
                         tr("%1 — %2").arg(statement.distributorName, statement.periodName));
        painter.drawText(foot, int(Qt::AlignRight | Qt::AlignBottom), tr("Page %1 of %2").arg(page).arg(pageCount));
        if (options.progress)
            options.progress(row, rows);
    }
    if (!painter.end())
        return Error(ErrorCode::Io, tr("Could not finish writing the PDF."));
    return pageCount;
}

} // namespace outpost
